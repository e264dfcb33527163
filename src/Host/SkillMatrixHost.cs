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
    /// <summary>Names the telemetry (SkillMatrix.GraphQL), the database and its connection string, and the GraphiQL page.</summary>
    private const string Product = "SkillMatrix";

    public static WebApplication Build(string[] args)
    {
        // appsettings*.json travel with the build; the working directory is wherever the command was typed.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.AddObservability(Product);
        builder.Services.AddGraphQLServer();
        builder.Services.AddBearerAuthentication(builder.Configuration);
        builder.Services.AddGraphQLHttp(options =>
        {
            options.IdeTitle = $"{Product} GraphQL";
            builder.Configuration.GetSection(GraphQLHttpOptions.SectionName).Bind(options);
        });
        // ConnectionStrings:SkillMatrix, else %LOCALAPPDATA%/SkillMatrix/skillmatrix.db.
        builder.Services.AddSharedDatabase(Product);
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
        // Subscriptions: graphql-ws upgrades /graphql to a WebSocket.
        app.UseWebSockets();
        app.MapGraphQLEndpoint("/graphql");
        app.MapExportEndpoints();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(PersistenceExtensions.ReadyTag) });
        app.MapObservability();
        return app;
    }
}
