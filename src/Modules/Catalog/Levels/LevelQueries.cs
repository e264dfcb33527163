using GraphQL.Types;
using Platform.Data.Conventions;
using SkillMatrix.Catalog.Data;

namespace SkillMatrix.Catalog.Levels;

internal static class LevelQueries
{
    public static void AddTo(ObjectGraphType query) =>
        query.AddListField<Level, LevelType>("levels", "The career ladder, by rank.",
            context => context.Catalog().Levels.OrderBy(l => l.Rank));
}
