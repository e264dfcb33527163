using System.Collections.Concurrent;

namespace Platform.Server.Subscriptions;

/// <summary>
/// Where the subscription limits count (open connections per client address, active subscriptions per member). In
/// this process by default (<see cref="InProcessSubscriptionCounts"/>), so each replica counts its own; a store the
/// replicas share (Redis, registered by the hosting layer) makes a member's limit one limit whichever replicas their
/// connections are on.
/// </summary>
public interface ISubscriptionCounts
{
    /// <summary>
    /// One of at most <paramref name="max"/> places under <paramref name="key"/>, or null when all are taken. Disposing
    /// the lease gives the place back.
    /// </summary>
    ValueTask<IDisposable?> TryAcquireAsync(string key, int max, CancellationToken cancellationToken);
}

/// <summary>The counts in this process's memory: exact, and gone with the process.</summary>
internal sealed class InProcessSubscriptionCounts : ISubscriptionCounts
{
    private readonly ConcurrentDictionary<string, int> counts = new(StringComparer.Ordinal);

    public ValueTask<IDisposable?> TryAcquireAsync(string key, int max, CancellationToken cancellationToken)
    {
        while (true)
        {
            var current = counts.GetValueOrDefault(key);
            if (current >= max)
            {
                return ValueTask.FromResult<IDisposable?>(null);
            }

            if (current == 0 ? counts.TryAdd(key, 1) : counts.TryUpdate(key, current + 1, current))
            {
                return ValueTask.FromResult<IDisposable?>(new SubscriptionLease(() => Release(key)));
            }
        }
    }

    private void Release(string key)
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
}

/// <summary>A place held under a limit; disposing it (once, whoever calls) runs its release.</summary>
public sealed class SubscriptionLease(Action? release) : IDisposable
{
    /// <summary>A lease on nothing: for what is not counted.</summary>
    public static readonly SubscriptionLease None = new(null);

    private Action? release = release;

    public void Dispose() => Interlocked.Exchange(ref release, null)?.Invoke();
}
