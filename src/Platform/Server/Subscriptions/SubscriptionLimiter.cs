using Microsoft.Extensions.Options;

namespace Platform.Server.Subscriptions;

/// <summary>
/// Counts what the limits of <see cref="SubscriptionOptions"/> count across connections: open connections per client
/// address, active subscriptions per member, in the registered <see cref="ISubscriptionCounts"/> (this process's, or
/// one the replicas share).
/// </summary>
internal sealed class SubscriptionLimiter(IOptionsMonitor<SubscriptionOptions> options, ISubscriptionCounts counts)
{
    /// <summary>A lease on one connection from <paramref name="address"/>, or null past the limit. No address (an in-process server) is not counted.</summary>
    public ValueTask<IDisposable?> TryOpenConnectionAsync(string? address, CancellationToken cancellationToken) =>
        address is null
            ? ValueTask.FromResult<IDisposable?>(SubscriptionLease.None)
            : counts.TryAcquireAsync("connections:ip:" + address, options.CurrentValue.MaxConnectionsPerClientIp, cancellationToken);

    /// <summary>A lease on one subscription of <paramref name="memberId"/>, or null past the limit. Anonymous ones are limited per connection and address only.</summary>
    public ValueTask<IDisposable?> TrySubscribeAsync(string? memberId, CancellationToken cancellationToken) =>
        memberId is null
            ? ValueTask.FromResult<IDisposable?>(SubscriptionLease.None)
            : counts.TryAcquireAsync("subscriptions:member:" + memberId, options.CurrentValue.MaxSubscriptionsPerMember, cancellationToken);
}
