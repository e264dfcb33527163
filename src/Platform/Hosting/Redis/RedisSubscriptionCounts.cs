using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Platform.Server.Subscriptions;
using StackExchange.Redis;

namespace Platform.Hosting.Redis;

/// <summary>
/// The subscription limits' counts in Redis, so that a member's subscriptions and an address's connections are counted
/// over every replica. A key is a sorted set of the places held (one member per lease, scored by when it expires, on
/// Redis's clock); one Lua script drops the expired, counts and adds in one atomic round trip. Each replica renews its
/// own leases every <see cref="RenewEvery"/> for <see cref="TimeToLive"/>, so the places of a replica that crashed
/// (and never gave them back) expire within <see cref="TimeToLive"/> instead of counting forever.
/// Fail-open, as the rate limit's buckets: when Redis does not answer, the place is granted (uncounted) and a Warning
/// is logged at most once a minute.
/// </summary>
internal sealed partial class RedisSubscriptionCounts : ISubscriptionCounts, IAsyncDisposable
{
    // KEYS[1]: the set. ARGV: the limit, the time to live in ms, the lease. Returns 1 when the lease was added.
    private const string AcquireScript = """
        local clock = redis.call('TIME')
        local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
        if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[1]) then
          return 0
        end
        redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[3])
        redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]))
        return 1
        """;

    // KEYS[1]: the set. ARGV: the time to live in ms, then the leases to renew (only those still there: XX).
    private const string RenewScript = """
        local clock = redis.call('TIME')
        local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
        local ttl = tonumber(ARGV[1])
        for i = 2, #ARGV do
          redis.call('ZADD', KEYS[1], 'XX', now + ttl, ARGV[i])
        end
        redis.call('PEXPIRE', KEYS[1], ttl)
        return 0
        """;

    private static readonly long WarningIntervalTicks = TimeSpan.FromMinutes(1).Ticks;

    private readonly SharedRedis redis;
    private readonly ILogger<RedisSubscriptionCounts> logger;
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, byte>> held = new(StringComparer.Ordinal);
    private readonly string replica = Guid.NewGuid().ToString("N");
    private readonly CancellationTokenSource stopping = new();
    private readonly Task renewing;
    private long lastWarning;
    private int disposed;

    public RedisSubscriptionCounts(SharedRedis redis, ILogger<RedisSubscriptionCounts> logger, TimeSpan? timeToLive = null)
    {
        this.redis = redis;
        this.logger = logger;
        TimeToLive = timeToLive ?? TimeSpan.FromSeconds(60);
        renewing = Task.Run(RenewLoopAsync);
    }

    /// <summary>How long a lease lasts in Redis without being renewed: the longest a crashed replica's places stay counted.</summary>
    public TimeSpan TimeToLive { get; }

    public TimeSpan RenewEvery => TimeToLive / 3;

    /// <summary>The key of <paramref name="key"/>'s set.</summary>
    public string Key(string key) => $"{redis.KeyPrefix}subscription-limits:{key}";

    public async ValueTask<IDisposable?> TryAcquireAsync(string key, int max, CancellationToken cancellationToken)
    {
        var redisKey = Key(key);
        var lease = $"{replica}:{Guid.NewGuid():N}";
        try
        {
            var database = await redis.DatabaseAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
            var added = (long)(await database.ScriptEvaluateAsync(AcquireScript, [redisKey], [max, (long)TimeToLive.TotalMilliseconds, lease])
                .WaitAsync(cancellationToken).ConfigureAwait(false));
            if (added != 1)
            {
                return null;
            }
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            Unavailable(exception);
            return SubscriptionLease.None;
        }

        held.GetOrAdd(redisKey, _ => new ConcurrentDictionary<string, byte>(StringComparer.Ordinal))[lease] = 0;
        return new SubscriptionLease(() => Release(redisKey, lease));
    }

    private void Release(string redisKey, string lease)
    {
        if (held.TryGetValue(redisKey, out var leases))
        {
            leases.TryRemove(lease, out _);
            if (leases.IsEmpty)
            {
                held.TryRemove(new KeyValuePair<string, ConcurrentDictionary<string, byte>>(redisKey, leases));
            }
        }

        _ = ReleaseAsync(redisKey, lease);
    }

    private async Task ReleaseAsync(string redisKey, string lease)
    {
        try
        {
            var database = await redis.DatabaseAsync().ConfigureAwait(false);
            await database.SortedSetRemoveAsync(redisKey, lease).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException or InvalidOperationException)
        {
            // Not given back now: it expires unrenewed within the time to live.
            Unavailable(exception);
        }
    }

    private async Task RenewLoopAsync()
    {
        using var timer = new PeriodicTimer(RenewEvery);
        try
        {
            while (await timer.WaitForNextTickAsync(stopping.Token).ConfigureAwait(false))
            {
                await RenewAsync().ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
    }

    /// <summary>Renews every lease this replica holds: one script per key.</summary>
    internal async Task RenewAsync()
    {
        try
        {
            var snapshot = held.Select(pair => (pair.Key, Leases: pair.Value.Keys.ToArray())).Where(k => k.Leases.Length > 0).ToList();
            if (snapshot.Count == 0)
            {
                return;
            }

            var database = await redis.DatabaseAsync().ConfigureAwait(false);
            var ttl = (RedisValue)(long)TimeToLive.TotalMilliseconds;
            await Task.WhenAll(snapshot.Select(k =>
                database.ScriptEvaluateAsync(RenewScript, [(RedisKey)k.Key], [ttl, .. k.Leases.Select(l => (RedisValue)l)]))).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException or InvalidOperationException)
        {
            Unavailable(exception);
        }
    }

    private void Unavailable(Exception exception)
    {
        var now = DateTime.UtcNow.Ticks;
        var last = Interlocked.Read(ref lastWarning);
        // One Warning a minute: an outage must not flood the log.
        if (now - last >= WarningIntervalTicks && Interlocked.CompareExchange(ref lastWarning, now, last) == last)
        {
            LogUnavailable(logger, exception, redis.Endpoints);
        }
    }

    public async ValueTask DisposeAsync()
    {
        // The host may dispose its container twice (DisposeAsync, then Dispose).
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        await stopping.CancelAsync().ConfigureAwait(false);
        await renewing.ConfigureAwait(false);
        stopping.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Redis at {RedisEndpoints} did not answer the subscription limits: connections and subscriptions are let in uncounted until it answers.")]
    private static partial void LogUnavailable(ILogger logger, Exception exception, string redisEndpoints);
}
