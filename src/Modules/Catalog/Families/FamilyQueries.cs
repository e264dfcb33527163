using GraphQL.Types;
using Microsoft.EntityFrameworkCore;
using SkillMatrix.BuildingBlocks.Conventions;
using SkillMatrix.Catalog.Data;

namespace SkillMatrix.Catalog.Families;

internal static class FamilyQueries
{
    public static void AddTo(ObjectGraphType query) =>
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<RoleFamilyType>>>>("families")
            .Description("Every role family, by name.")
            .ResolveAsync(async context => await context.Catalog().Families
                .OrderBy(f => f.Name).ThenBy(f => f.Id)
                .Project(context, Selection.Of(context))
                .ToListAsync(context.CancellationToken));
}
