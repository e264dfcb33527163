using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Platform.Data.Events;
using Platform.Hosting.Persistence;
using Platform.Server.Limits;
using Platform.Server.Subscriptions;

namespace Platform.Hosting.Redis;

public static class RedisExtensions
{
    /// <summary>A StackExchange.Redis configuration string (<c>127.0.0.1:6380</c>, <c>host:6379,password=...,ssl=true</c>).</summary>
    public const string ConfigurationKey = "Redis:Configuration";

    /// <summary>
    /// What the replicas share through Redis when <c>Redis:Configuration</c> is set: the rate limit's buckets (keys
    /// <c>{product}:rate-limit:...</c>), the subscription limits' counts (<c>{product}:subscription-limits:...</c>), live
    /// events (channels <c>{product}:events:...</c>), and a check <c>redis</c> in
    /// <c>/health/ready</c>. Unset, the buckets stay in
    /// the process, as the limits registered them, and nothing connects. Call it after <c>AddGraphQLServer</c>. The
    /// configuration is read from the built container, so that settings added late (tests) count.
    /// </summary>
    public static IServiceCollection AddSharedRedis(this IServiceCollection services, string product)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(product);
        if (services.Any(d => d.ServiceType == typeof(SharedRedis)))
        {
            return services;
        }

        var inProcess = services.LastOrDefault(d => d.ServiceType == typeof(IRateLimitBuckets))
            ?? throw new InvalidOperationException($"Call {nameof(AddSharedRedis)} after the GraphQL server's limits are registered.");
        services.AddSingleton(provider => new SharedRedis(provider.GetRequiredService<IConfiguration>()[ConfigurationKey], product + ":"));
        services.AddHostedService(provider => provider.GetRequiredService<SharedRedis>());
        services.AddSingleton<RedisRateLimitBuckets>();
        services.Replace(ServiceDescriptor.Singleton<IRateLimitBuckets>(provider => provider.GetRequiredService<SharedRedis>().IsConfigured
            ? provider.GetRequiredService<RedisRateLimitBuckets>()
            : (IRateLimitBuckets)Create(inProcess, provider)));
        // The subscription limits count over every replica; unset, each process counts its own.
        var inProcessCounts = services.LastOrDefault(d => d.ServiceType == typeof(ISubscriptionCounts))
            ?? throw new InvalidOperationException($"Call {nameof(AddSharedRedis)} after the GraphQL server's subscriptions are registered.");
        services.AddSingleton<RedisSubscriptionCounts>();
        services.Replace(ServiceDescriptor.Singleton<ISubscriptionCounts>(provider => provider.GetRequiredService<SharedRedis>().IsConfigured
            ? provider.GetRequiredService<RedisSubscriptionCounts>()
            : (ISubscriptionCounts)Create(inProcessCounts, provider)));
        // Live events reach every replica's subscribers through Redis; unset, they stay in the process.
        var inProcessEvents = services.LastOrDefault(d => d.ServiceType == typeof(IEventBus))
            ?? throw new InvalidOperationException($"Call {nameof(AddSharedRedis)} after the GraphQL schema is registered.");
        services.AddSingleton<RedisEventBus>();
        services.Replace(ServiceDescriptor.Singleton<IEventBus>(provider => provider.GetRequiredService<SharedRedis>().IsConfigured
            ? provider.GetRequiredService<RedisEventBus>()
            : (IEventBus)Create(inProcessEvents, provider)));
        // Registered only when configured: without Redis, ready means what it meant before (the database answers).
        services.AddHealthChecks();
        services.AddOptions<HealthCheckServiceOptions>().Configure<IConfiguration>((options, configuration) =>
        {
            if (!string.IsNullOrWhiteSpace(configuration[ConfigurationKey]))
            {
                options.Registrations.Add(new HealthCheckRegistration("redis",
                    provider => new RedisHealthCheck(provider.GetRequiredService<SharedRedis>()), failureStatus: null, tags: [PersistenceExtensions.ReadyTag]));
            }
        });
        return services;
    }

    /// <summary>The store the limits registered, made as the container would have made it.</summary>
    private static object Create(ServiceDescriptor descriptor, IServiceProvider provider) =>
        descriptor.ImplementationInstance
        ?? descriptor.ImplementationFactory?.Invoke(provider)
        ?? ActivatorUtilities.CreateInstance(provider, descriptor.ImplementationType!);
}
