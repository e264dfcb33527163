using GraphQL.Types;
using Platform.Data.Conventions.Paging;
using SkillMatrix.Catalog.Data;

namespace SkillMatrix.Catalog.Skills;

internal static class SkillQueries
{
    public static void AddTo(ObjectGraphType query) =>
        query.AddConnectionField<Skill, SkillType>("skills", "Every skill, as a connection.", context => context.Catalog().Skills, s => s.Id);
}
