using GraphQL.Execution;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Platform.Server.Http;

/// <summary>
/// The GraphQL-over-HTTP transport (https://graphql.github.io/graphql-over-http/draft/) on top of the GraphQL.NET
/// engine registered by <c>AddGraphQL</c>. Per-request execution settings (validation rules, user context, ...)
/// belong in GraphQL.NET's <see cref="GraphQL.DI.IConfigureExecution"/> (<c>ConfigureExecutionOptions</c>,
/// <c>AddValidationRule</c>): the executer applies them to every request this endpoint runs.
/// </summary>
public static class GraphQLHttpEndpoint
{
    /// <param name="configureIde">The IDE's settings (<see cref="GraphQLIdeOptions"/>: on in Development unless set).</param>
    public static IServiceCollection AddGraphQLHttp(this IServiceCollection services, Action<GraphQLHttpOptions>? configure = null,
        Action<GraphQLIdeOptions>? configureIde = null)
    {
        var options = services.AddOptions<GraphQLHttpOptions>()
            .Validate(o => o.MaxRequestBodyBytes > 0, $"{GraphQLHttpOptions.SectionName}:{nameof(GraphQLHttpOptions.MaxRequestBodyBytes)} must be positive.")
            .ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        var ide = services.AddOptions<GraphQLIdeOptions>();
        if (configureIde is not null)
        {
            ide.Configure(configureIde);
        }

        services.TryAddSingleton<GraphQLHttpHandler>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<ErrorInfoProviderOptions>, HideExceptionDetailsOutsideDevelopment>());
        return services;
    }

    /// <summary>Maps the GraphQL endpoint (all HTTP methods; the handler answers 405 itself, with an Allow header).</summary>
    public static IEndpointConventionBuilder MapGraphQLEndpoint(this IEndpointRouteBuilder endpoints, string pattern = "/graphql")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        // Fail at startup rather than on the first request when the wiring is incomplete.
        var handler = endpoints.ServiceProvider.GetService<GraphQLHttpHandler>()
            ?? throw new InvalidOperationException($"Call services.{nameof(AddGraphQLHttp)}() before {nameof(MapGraphQLEndpoint)}().");
        _ = endpoints.ServiceProvider.GetService<IGraphQLSerializer>()
            ?? throw new InvalidOperationException("No IGraphQLSerializer is registered: call services.AddGraphQL(b => b.AddSystemTextJson()) (AddGraphQLServer does).");

        // The IDE's files under the endpoint's path (404 when the IDE is off), so the page names only same-origin URLs.
        endpoints.MapGet($"{pattern.TrimEnd('/')}/{GraphiQLPage.AssetsSegment}/{{**path}}", handler.HandleIdeAssetAsync).WithDisplayName("GraphQL IDE files");
        return endpoints.Map(pattern, handler.HandleAsync).WithDisplayName("GraphQL");
    }
}
