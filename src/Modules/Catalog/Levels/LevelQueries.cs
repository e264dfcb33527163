using GraphQL.Types;
using Microsoft.EntityFrameworkCore;
using SkillMatrix.BuildingBlocks.Conventions;
using SkillMatrix.Catalog.Data;

namespace SkillMatrix.Catalog.Levels;

internal static class LevelQueries
{
    public static void AddTo(ObjectGraphType query) =>
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<LevelType>>>>("levels")
            .Description("The career ladder, by rank.")
            .ResolveAsync(async context => await context.Catalog().Levels
                .OrderBy(l => l.Rank)
                .Project(context, Selection.Of(context))
                .ToListAsync(context.CancellationToken));
}
