using GraphQL.Types;
using Microsoft.EntityFrameworkCore;
using SkillMatrix.BuildingBlocks.Conventions;
using SkillMatrix.Catalog.Data;

namespace SkillMatrix.Catalog.Domains;

internal static class DomainQueries
{
    public static void AddTo(ObjectGraphType query) =>
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<DomainType>>>>("domains")
            .Description("Every skill domain, in page order.")
            .ResolveAsync(async context => await context.Catalog().Domains
                .OrderBy(d => d.Position).ThenBy(d => d.Id)
                .Project(context, Selection.Of(context))
                .ToListAsync(context.CancellationToken));
}
