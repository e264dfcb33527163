using Platform.Data.Schema;
using Platform.Server.Limits;

namespace Platform.Server;

public static class GraphQLServerServiceCollectionExtensions
{
    /// <summary>The modular schema, served: JSON serialization and the limits of the <c>GraphQL</c> configuration section.</summary>
    public static IServiceCollection AddGraphQLServer(this IServiceCollection services)
    {
        services.AddModularSchema();
        // Clients read `+`, `&` and `'` as they are, not as \u002B escapes; the body is JSON, never HTML.
        services.AddGraphQL(graphql => graphql
            .AddSystemTextJson(json => json.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping));
        // Depth, aliases, directives, introspection, cost and rate limit, from the GraphQL section of the configuration.
        services.AddGraphQLLimits();
        return services;
    }
}
