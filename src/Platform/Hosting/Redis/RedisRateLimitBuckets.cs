using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Server.Limits;
using Platform.Server.Observability;
using StackExchange.Redis;

namespace Platform.Hosting.Redis;

/// <summary>
/// The rate limit's buckets in Redis, so that a caller's budget is one budget whichever replica answers. One Lua script
/// refills, checks and takes in one round trip, atomically (Redis runs a script alone), on Redis's clock (<c>TIME</c>),
/// so replicas whose clocks differ still agree. The bucket is the in-process one's (<see cref="RateLimitBucket"/>):
/// a minute's points, refilled a sixtieth each whole second, and the same Retry-After (the wait for the missing points).
/// <para>
/// Not RedisRateLimiting's token bucket: it takes a cost per request, but its leases carry no Retry-After (only the limit
/// and what remains), it names its own keys, and a Redis error surfaces as an exception from the limiter; here all three
/// are ours to decide, in one short script.
/// </para>
/// <para>
/// Fail-open: when Redis does not answer, the request is served as if it had points, a Warning is logged at most once a
/// minute and the counter <c>{product}.graphql.rate_limit.store_unavailable</c> counts each such request. A rate limiter
/// protects the API; an outage of Redis must not take the API down with it.
/// </para>
/// </summary>
internal sealed class RedisRateLimitBuckets : IRateLimitBuckets
{
    // KEYS[1]: the bucket (a hash: tokens, at = ms of the last refill step). ARGV: capacity, points per period, the
    // period in ms, the points asked for, the key's time to live in ms. Returns {1, 0, left} when taken, else
    // {0, wait in ms, left}, where left is what the bucket holds afterwards.
    // The key expires once a full refill has passed unused: the bucket is full by then anyway, so forgetting it is
    // exact, and idle callers cost Redis nothing. A full bucket restarts its refill clock (nothing to add until it is
    // spent); an `at` in the future (a failover to a Redis whose clock is behind) starts a full bucket rather than a
    // bucket that never refills. TIME before a write is allowed since Redis 5, which replicates a script's effects.
    private const string Script = """
        local capacity = tonumber(ARGV[1])
        local rate = tonumber(ARGV[2])
        local period = tonumber(ARGV[3])
        local points = tonumber(ARGV[4])
        local clock = redis.call('TIME')
        local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
        local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
        local tokens = tonumber(state[1])
        local at = tonumber(state[2])
        if tokens == nil or at == nil or at > now then
          tokens = capacity
          at = now
        else
          local periods = math.floor((now - at) / period)
          if periods > 0 then
            tokens = math.min(capacity, tokens + periods * rate)
            at = at + periods * period
          end
        end
        if tokens >= capacity then
          at = now
        end
        local taken = 0
        local wait = 0
        if tokens >= points then
          tokens = tokens - points
          taken = 1
        else
          wait = math.ceil((points - tokens) / rate) * period - (now - at)
        end
        redis.call('HSET', KEYS[1], 'tokens', tokens, 'at', at)
        redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[5]))
        return {taken, wait, tokens}
        """;

    private static readonly long WarningIntervalTicks = TimeSpan.FromMinutes(1).Ticks;

    private readonly SharedRedis redis;
    private readonly RateLimitBucket bucket;
    private readonly RedisValue[] shape;
    private readonly ILogger<RedisRateLimitBuckets> logger;
    private readonly Counter<long>? unavailable;
    private long lastWarning; // ticks of the last Warning; 0, long before any clock reading: none yet
    private long unwarnedFailures;

    public RedisRateLimitBuckets(SharedRedis redis, IOptions<GraphQLLimitsOptions> options, ILogger<RedisRateLimitBuckets> logger,
        IMeterFactory? meters = null, GraphQLTelemetryNames? names = null)
    {
        this.redis = redis;
        this.logger = logger;
        bucket = RateLimitBucket.For(options.Value.RateLimit);
        var period = (long)RateLimitBucket.RefillPeriod.TotalMilliseconds;
        var refillsToFull = (bucket.Capacity + bucket.PointsPerSecond - 1) / bucket.PointsPerSecond;
        TimeToLive = TimeSpan.FromMilliseconds((refillsToFull + 1) * period);
        shape = [bucket.Capacity, bucket.PointsPerSecond, period];
        if (meters is not null && names is not null)
        {
            unavailable = meters.Create(new MeterOptions(names.MeterName)).CreateCounter<long>(names.Instrument("rate_limit.store_unavailable"),
                "{request}", "Requests served without the shared rate limit because Redis did not answer.");
        }
    }

    /// <summary>How long an untouched bucket is kept: until it would have refilled, and a period more.</summary>
    public TimeSpan TimeToLive { get; }

    /// <summary>The key of <paramref name="partition"/>'s bucket.</summary>
    public string Key(string partition) => $"{redis.KeyPrefix}rate-limit:{partition}";

    public async ValueTask<RateLimitDecision> TryTakeAsync(string partition, int points, CancellationToken cancellationToken)
    {
        try
        {
            var database = await redis.DatabaseAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
            var result = (RedisValue[])(await database.ScriptEvaluateAsync(Script, [Key(partition)],
                [shape[0], shape[1], shape[2], points, (long)TimeToLive.TotalMilliseconds]).WaitAsync(cancellationToken).ConfigureAwait(false))!;
            var left = (int)(long)result[2];
            return (long)result[0] == 1 ? RateLimitDecision.TakenLeaving(left) : new RateLimitDecision(false, TimeSpan.FromMilliseconds((long)result[1]), left);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            Unavailable(exception);
            return RateLimitDecision.Taken;
        }
    }

    private void Unavailable(Exception exception)
    {
        unavailable?.Add(1);
        var failures = Interlocked.Increment(ref unwarnedFailures);
        var now = DateTime.UtcNow.Ticks;
        var last = Interlocked.Read(ref lastWarning);
        // One Warning a minute, whichever request wins the race to write it; an outage must not flood the log.
        if (now - last < WarningIntervalTicks || Interlocked.CompareExchange(ref lastWarning, now, last) != last)
        {
            return;
        }

        Interlocked.Add(ref unwarnedFailures, -failures);
        logger.LogWarning(exception,
            "Redis at {RedisEndpoints} did not answer the rate limiter: {Requests} request(s) served without the shared rate limit since the last warning. Serving on until it answers.",
            redis.Endpoints, failures);
    }
}
