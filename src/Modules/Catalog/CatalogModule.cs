using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Platform.Data.DataLoaders;
using Platform.Hosting;
using SkillMatrix.Catalog.Contracts;
using SkillMatrix.Catalog.Data;
using SkillMatrix.Catalog.Integration;
using SkillMatrix.Catalog.Matrix;
using SkillMatrix.Catalog.Seeding;
using SkillMatrix.Catalog.Stats;

namespace SkillMatrix.Catalog;

/// <summary>Registration of the Catalog module: its DbContext, its seed importer and its slice of the schema.</summary>
public static class CatalogModule
{
    /// <remarks>Takes the configuration as every module's registration does; the Catalog has no settings yet.</remarks>
    public static IServiceCollection AddCatalogModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModule<CatalogDbContext>("catalog", CatalogQueries.AddTo, addSubscriptionFields: CatalogSubscriptions.AddTo);
        services.AddScoped<SeedImporter>();
        services.AddScoped<ICatalogSeeding, CatalogSeeding>();
        services.AddScoped<RoleMatrixLoader>();
        services.AddScoped<RoleStatsLoader>();
        services.AddEntityByKeyLoader<CatalogDbContext, Level>(db => db.Levels, l => l.Id);
        services.AddEntityByKeyLoader<CatalogDbContext, Domain>(db => db.Domains, d => d.Id);
        services.AddEntityByKeyLoader<CatalogDbContext, Role>(db => db.Roles, r => r.Id);
        services.AddEntityByKeyLoader<CatalogDbContext, Skill>(db => db.Skills, s => s.Id);
        services.AddEntityByKeyLoader<CatalogDbContext, CatalogChange>(db => db.Changes, c => c.Id);
        services.AddScoped<ICatalogReader, CatalogReader>();
        services.AddScoped<ICatalogChanges, CatalogChanges>();
        AddNodeSources(services);
        return services;
    }

    private static void AddNodeSources(IServiceCollection services)
    {
        services.AddNodeSource("Role", context => context.Catalog().Roles, r => r.Id);
        services.AddNodeSource("RoleFamily", context => context.Catalog().Families, f => f.Id);
        services.AddNodeSource("Level", context => context.Catalog().Levels, l => l.Id);
        services.AddNodeSource("Domain", context => context.Catalog().Domains, d => d.Id);
        services.AddNodeSource("Skill", context => context.Catalog().Skills, s => s.Id);
        services.AddNodeSource("Requirement", context => context.Catalog().Requirements, q => q.Id);
    }
}
