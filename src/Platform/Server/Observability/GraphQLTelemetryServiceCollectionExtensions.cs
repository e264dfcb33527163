namespace Platform.Server.Observability;

public static class GraphQLTelemetryServiceCollectionExtensions
{
    /// <summary>
    /// A span, a log line and the metrics of every GraphQL operation, under the <paramref name="names"/> the host
    /// gives (<see cref="GraphQLTelemetryNames.For"/>); exporting them is the host's business.
    /// </summary>
    public static IServiceCollection AddGraphQLOperationTelemetry(this IServiceCollection services, GraphQLTelemetryNames names)
    {
        ArgumentNullException.ThrowIfNull(names);
        services.AddSingleton(names);
        services.AddSingleton<GraphQLTelemetrySource>();
        services.AddSingleton<GraphQLMetrics>();
        services.AddGraphQL(graphql => graphql
            .ConfigureExecution<GraphQLOperationInstrumentation>()
            // Also for cached documents: which operation a request selects differs from request to request.
            .AddValidationRule<SelectedOperationRule>(useForCachedDocuments: true));
        return services;
    }
}
