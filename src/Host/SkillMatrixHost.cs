using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using SkillMatrix.Assessment;
using Platform.Server.Http;
using Platform.Hosting.Observability;
using Platform.Hosting.Persistence;
using Platform.Server;
using Platform.Hosting.Security;
using SkillMatrix.Catalog;
using SkillMatrix.Community;
using SkillMatrix.Export;
using SkillMatrix.Host.Seeding;

namespace SkillMatrix.Host;

/// <summary>Composition: the modules, the GraphQL endpoint and the health checks. Nothing else lives here.</summary>
internal static class SkillMatrixHost
{
    public static WebApplication Build(string[] args)
    {
        // appsettings*.json travel with the build; the working directory is wherever the command was typed.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.AddObservability();
        builder.Services.AddGraphQLServer();
        builder.Services.AddBearerAuthentication(builder.Configuration);
        builder.Services.AddGraphQLHttp(options => builder.Configuration.GetSection("GraphQL:Http").Bind(options));
        builder.Services.AddCatalogModule(builder.Configuration);
        builder.Services.AddCommunityModule(builder.Configuration);
        builder.Services.AddAssessmentModule(builder.Configuration);
        builder.Services.AddExportModule(builder.Configuration);
        builder.Services.AddSingleton<FirstStartSeeder>();
        // SIGTERM lets in-flight requests finish, within an orchestrator's usual 30 s grace period.
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(25));
        builder.Services.AddHostedService<DatabasePreparation>();

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGraphQLEndpoint("/graphql");
        app.MapExportEndpoints();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(PersistenceExtensions.ReadyTag) });
        app.MapObservability();
        return app;
    }
}
