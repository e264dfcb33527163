namespace SkillMatrix.Catalog.Data;

internal static class CatalogResolveContextExtensions
{
    /// <summary>The request's CatalogDbContext; fields run one at a time, so they can share it.</summary>
    public static CatalogDbContext Catalog(this IResolveFieldContext context) => context.Service<CatalogDbContext>();
}
