using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Platform.Server.Subscriptions;

/// <summary>
/// Counts what the limits of <see cref="SubscriptionOptions"/> count across connections: open connections per client
/// address, active subscriptions per member. In this process only; across replicas each counts its own.
/// </summary>
internal sealed class SubscriptionLimiter(IOptionsMonitor<SubscriptionOptions> options)
{
    private readonly ConcurrentDictionary<string, int> connectionsByAddress = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> subscriptionsByMember = new(StringComparer.Ordinal);

    /// <summary>A lease on one connection from <paramref name="address"/>, or null past the limit. No address (an in-process server) is not counted.</summary>
    public IDisposable? TryOpenConnection(string? address) =>
        address is null ? Lease.None : TryAcquire(connectionsByAddress, address, options.CurrentValue.MaxConnectionsPerClientIp);

    /// <summary>A lease on one subscription of <paramref name="memberId"/>, or null past the limit. Anonymous ones are limited per connection and address only.</summary>
    public IDisposable? TrySubscribe(string? memberId) =>
        memberId is null ? Lease.None : TryAcquire(subscriptionsByMember, memberId, options.CurrentValue.MaxSubscriptionsPerMember);

    private static Lease? TryAcquire(ConcurrentDictionary<string, int> counts, string key, int max)
    {
        while (true)
        {
            var current = counts.GetValueOrDefault(key);
            if (current >= max)
            {
                return null;
            }

            if (current == 0 ? counts.TryAdd(key, 1) : counts.TryUpdate(key, current + 1, current))
            {
                return new Lease(() => Release(counts, key));
            }
        }
    }

    private static void Release(ConcurrentDictionary<string, int> counts, string key)
    {
        while (counts.TryGetValue(key, out var current))
        {
            // The last one out removes the key, so addresses and members that left take no memory.
            if (current <= 1 ? counts.TryRemove(new KeyValuePair<string, int>(key, current)) : counts.TryUpdate(key, current - 1, current))
            {
                return;
            }
        }
    }

    private sealed class Lease(Action? release) : IDisposable
    {
        public static readonly Lease None = new(null);

        private Action? release = release;

        public void Dispose() => Interlocked.Exchange(ref release, null)?.Invoke();
    }
}
