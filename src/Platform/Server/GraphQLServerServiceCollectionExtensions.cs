using Microsoft.Extensions.Configuration;
using Platform.Data.Execution;
using Platform.Data.Schema;
using Platform.Server.Caching;
using Platform.Server.Limits;
using Platform.Server.PersistedQueries;
using Platform.Server.Subscriptions;

namespace Platform.Server;

public static class GraphQLServerServiceCollectionExtensions
{
    /// <summary>The modular schema, served: JSON serialization, the limits of the <c>GraphQL</c> configuration section, the document cache, automatic persisted queries, persisted operations from a manifest, and subscriptions over WebSockets and server-sent events.</summary>
    public static IServiceCollection AddGraphQLServer(this IServiceCollection services)
    {
        services.AddModularSchema();
        // Lists of pure data completed by a plan (on unless GraphQL:FastPath:Enabled is false).
        services.AddOptions<PureDataOptions>()
            .Configure<IServiceProvider>((o, provider) => provider.GetService<IConfiguration>()?.GetSection(PureDataOptions.SectionName).Bind(o));
        // Clients read `+`, `&` and `'` as they are, not as \u002B escapes; the body is JSON, never HTML.
        services.AddGraphQL(graphql => graphql
            .AddSystemTextJson(json => json.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping));
        // Depth, aliases, directives, introspection, cost and rate limit, from the GraphQL section of the configuration.
        services.AddGraphQLLimits();
        // Each document text parsed and validated once; on a hit only the request-dependent rules run again.
        services.AddGraphQLDocumentCache();
        // A document may be sent once and then named by its SHA-256 (automatic persisted queries).
        services.AddGraphQLPersistedQueries();
        // Operations named by id from a manifest file, or only those (trusted documents); off unless configured.
        services.AddGraphQLPersistedOperations();
        // Subscriptions over WebSockets (graphql-ws) and server-sent events, on the same path.
        services.AddGraphQLSubscriptions();
        return services;
    }
}
