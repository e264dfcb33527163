using GraphQL.Types;
using Platform.Data.Conventions.Paging;
using SkillMatrix.Catalog.Data;

namespace SkillMatrix.Catalog.Requirements;

internal static class RequirementQueries
{
    public static void AddTo(ObjectGraphType query) =>
        query.AddConnectionField<Requirement, RequirementType>("requirements", "Every cell of every role's matrix, as a connection.",
            context => context.Catalog().Requirements, q => q.Id);
}
