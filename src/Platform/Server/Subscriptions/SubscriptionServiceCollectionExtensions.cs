using Microsoft.Extensions.Configuration;
using Platform.Server.Http;

namespace Platform.Server.Subscriptions;

public static class SubscriptionServiceCollectionExtensions
{
    /// <summary>
    /// Subscriptions (and any operation) over a WebSocket in the graphql-ws protocol and over server-sent events, on the
    /// GraphQL endpoint's path, with the limits of the <c>GraphQL:Subscriptions</c> section. The application also needs
    /// <c>app.UseWebSockets()</c> before the endpoint; a WebSocket's token is checked by the registered
    /// <see cref="Security.IBearerTokenValidator"/> (without one, a token in <c>connection_init</c> is refused).
    /// </summary>
    public static IServiceCollection AddGraphQLSubscriptions(this IServiceCollection services)
    {
        services.AddOptions<SubscriptionOptions>()
            .Configure<IServiceProvider>((o, provider) => provider.GetService<IConfiguration>()?.GetSection(SubscriptionOptions.SectionName).Bind(o))
            .Validate(o => o.ConnectionInitTimeout > TimeSpan.Zero && o.MaxSubscriptionsPerConnection > 0 && o.MaxSubscriptionsPerMember > 0
                    && o.MaxConnectionsPerClientIp > 0 && o.MaxPendingMessages > 0 && o.MaxMessageBytes > 0,
                $"The {SubscriptionOptions.SectionName} limits must be positive.")
            .ValidateOnStart();
        // Counted in this process unless the host registers a store the replicas share.
        services.TryAddSingleton<ISubscriptionCounts, InProcessSubscriptionCounts>();
        services.TryAddSingleton<SubscriptionLimiter>();
        services.TryAddSingleton<StreamingExecutor>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IGraphQLAlternateTransport, GraphQLWebSocketTransport>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IGraphQLAlternateTransport, GraphQLSseTransport>());
        return services;
    }
}
