using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using SkillMatrix.Assessment;
using Platform.Server.Http;
using Platform.Hosting.Http;
using Platform.Hosting.Observability;
using Platform.Hosting.Persistence;
using Platform.Hosting.Redis;
using Platform.Server;
using Platform.Hosting.Security;
using SkillMatrix.Catalog;
using SkillMatrix.Community;
using SkillMatrix.Export;
using SkillMatrix.Host.Seeding;
using SkillMatrix.Host.WebClient;

namespace SkillMatrix.Host;

/// <summary>Composition: the modules, the GraphQL endpoint, the health checks and the web client's files. Nothing else lives here.</summary>
internal static class SkillMatrixHost
{
    /// <summary>Names the telemetry (SkillMatrix.GraphQL), the database and its connection string, and the GraphiQL page.</summary>
    private const string Product = "SkillMatrix";

    public static WebApplication Build(string[] args)
    {
        // appsettings*.json travel with the build; the working directory is wherever the command was typed.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        // No `Server: Kestrel` on every answer: it tells a prober what to try and a client nothing.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        // A start-up failure reaches Program, which says the ones an operator can fix in one line (a busy port, the
        // database) and lets any other crash with its exception; the host's own copy of it, a JSON line with the stack
        // trace, would only say it twice.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
        builder.AddObservability(Product);
        builder.Services.AddGraphQLServer();
        // Redis:Configuration set: the rate limit's buckets in Redis, one budget per caller across replicas; ready checks it.
        builder.Services.AddSharedRedis(Product);
        builder.Services.AddBearerAuthentication(builder.Configuration);
        builder.Services.AddCrossOriginRequests();
        // GraphQL:Ide:Enabled: the IDE, on in Development unless set (see GraphQLIdeOptions).
        builder.Services.AddGraphQLHttp(
            options => builder.Configuration.GetSection(GraphQLHttpOptions.SectionName).Bind(options),
            ide =>
            {
                ide.Title = $"{Product} GraphQL";
                builder.Configuration.GetSection(GraphQLIdeOptions.SectionName).Bind(ide);
            });
        // Database:Provider (Sqlite or PostgreSQL); ConnectionStrings:SkillMatrix, else %LOCALAPPDATA%/SkillMatrix/skillmatrix.db.
        // PostgreSQL's migrations are an assembly of their own (src/Migrations/PostgreSql), SQLite's in each module.
        builder.Services.AddSharedDatabase(Product, postgreSqlMigrationsAssembly: "SkillMatrix.Migrations.PostgreSql");
        builder.Services.AddCatalogModule(builder.Configuration);
        builder.Services.AddCommunityModule(builder.Configuration);
        builder.Services.AddAssessmentModule(builder.Configuration);
        builder.Services.AddExportModule(builder.Configuration);
        builder.Services.AddSingleton<FirstStartSeeder>();
        // SIGTERM lets in-flight requests finish, within an orchestrator's usual 30 s grace period.
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(25));
        builder.Services.AddHostedService<DatabasePreparation>();

        var app = builder.Build();
        // ForwardedHeaders:KnownProxies and Replica:Name: the client's address from the proxy, X-Served-By.
        app.UseProxies();
        app.UseCrossOriginRequests();
        // The dashboard's built files (web/, WebClient:Path); its routes fall back to index.html below the API's.
        app.UseWebClientFiles();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        // Subscriptions: graphql-ws upgrades /graphql to a WebSocket.
        app.UseWebSockets();
        app.MapGraphQLEndpoint("/graphql");
        app.MapExportEndpoints();
        // GET /auth/config (how a browser signs in) and, where Auth:LocalSignIn is on (Development), POST /auth/token.
        app.MapSignIn("/auth");
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(PersistenceExtensions.ReadyTag),
            ResponseWriter = HealthReportWriter.WriteAsync,
        });
        app.MapObservability();
        app.MapWebClientFallback();
        return app;
    }
}
