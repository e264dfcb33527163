using GraphQL;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SkillMatrix.BuildingBlocks.Persistence;
using SkillMatrix.BuildingBlocks.Schema;
using SkillMatrix.Catalog.Data;
using SkillMatrix.Catalog.Seeding;

namespace SkillMatrix.Catalog;

/// <summary>Registration of the Catalog module: its DbContext, its seed importer and its slice of the schema.</summary>
public static class CatalogModule
{
    public static IServiceCollection AddCatalogModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<CatalogDbContext>(configuration, "catalog");
        services.AddScoped<SeedImporter>();
        services.AddSchemaSlice<CatalogSchemaSlice>();
        services.AddGraphQL(graphql => graphql.AddGraphTypes(typeof(CatalogModule).Assembly));
        return services;
    }
}
