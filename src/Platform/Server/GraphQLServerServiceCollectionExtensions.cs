using Platform.Data.Schema;
using Platform.Server.Caching;
using Platform.Server.Limits;

namespace Platform.Server;

public static class GraphQLServerServiceCollectionExtensions
{
    /// <summary>The modular schema, served: JSON serialization, the limits of the <c>GraphQL</c> configuration section and the document cache.</summary>
    public static IServiceCollection AddGraphQLServer(this IServiceCollection services)
    {
        services.AddModularSchema();
        // Clients read `+`, `&` and `'` as they are, not as \u002B escapes; the body is JSON, never HTML.
        services.AddGraphQL(graphql => graphql
            .AddSystemTextJson(json => json.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping));
        // Depth, aliases, directives, introspection, cost and rate limit, from the GraphQL section of the configuration.
        services.AddGraphQLLimits();
        // Each document text parsed and validated once; on a hit only the request-dependent rules run again.
        services.AddGraphQLDocumentCache();
        return services;
    }
}
