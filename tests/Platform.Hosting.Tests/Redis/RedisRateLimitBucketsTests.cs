using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Hosting.Redis;
using Platform.Server.Limits;

namespace Platform.Hosting.Tests.Redis;

/// <summary>
/// The buckets in Redis against the buckets in process, on a real redis-server (<see cref="TestRedis.Variable"/>): the
/// same takes are taken and refused with the same Retry-After (the expectations of Platform.Server.Tests' RateLimitTests,
/// whose toy server spends 50 points a request of 120 a minute), one budget however many replicas take from it at once,
/// keys that expire, and a Redis that is down lets requests through.
/// </summary>
public sealed class RedisRateLimitBucketsTests
{
    private static readonly IOptions<GraphQLLimitsOptions> PerMinute120 = Options.Create(new GraphQLLimitsOptions { RateLimit = { PointsPerMinute = 120 } });

    private static RedisRateLimitBuckets Redis(string? configuration = null, ILogger<RedisRateLimitBuckets>? logger = null) =>
        new(new SharedRedis(configuration ?? TestRedis.Configuration, $"test-{Guid.NewGuid():N}:"), PerMinute120,
            logger ?? Microsoft.Extensions.Logging.Abstractions.NullLogger<RedisRateLimitBuckets>.Instance);

    public static TheoryData<string> Stores => ["in-process", "redis"];

    private static IRateLimitBuckets Store(string name) => name == "redis" ? Redis() : new InProcessRateLimitBuckets(PerMinute120);

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Two_takes_of_50_are_taken_and_the_third_waits_for_the_missing_points(string store)
    {
        var buckets = Store(store);

        Assert.True((await buckets.TryTakeAsync("member:alice", 50, default)).Acquired);
        Assert.True((await buckets.TryTakeAsync("member:alice", 50, default)).Acquired);
        var refused = await buckets.TryTakeAsync("member:alice", 50, default);

        Assert.False(refused.Acquired);
        // 20 left, 30 missing, 2 a second: 15 s (14 if the in-process refill ticked between the takes).
        Assert.InRange(RateLimitedError.RetryAfterSeconds(refused.RetryAfter), 14, 15);
        // Another caller has a bucket of its own.
        Assert.True((await buckets.TryTakeAsync("member:bob", 50, default)).Acquired);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task A_full_bucket_can_be_spent_at_once_and_then_refills_each_second(string store)
    {
        var buckets = Store(store);

        Assert.True((await buckets.TryTakeAsync("ip:198.51.100.7", 120, default)).Acquired);
        // Two points: the bucket refills two a second, so this is refused for a whole second after the first take
        // (one point, half a second, was too short a window on a loaded machine).
        var refused = await buckets.TryTakeAsync("ip:198.51.100.7", 2, default);

        Assert.False(refused.Acquired);
        Assert.Equal(1, RateLimitedError.RetryAfterSeconds(refused.RetryAfter));
        await Task.Delay(refused.RetryAfter + TimeSpan.FromMilliseconds(100));
        Assert.True((await buckets.TryTakeAsync("ip:198.51.100.7", 2, default)).Acquired);
    }

    [Fact]
    public async Task Replicas_taking_at_once_share_one_budget()
    {
        // Two stores with connections of their own, as two replicas have, on the same keys.
        var prefix = $"test-{Guid.NewGuid():N}:";
        var replicas = new[] { new SharedRedis(TestRedis.Configuration, prefix), new SharedRedis(TestRedis.Configuration, prefix) }
            .Select(redis => new RedisRateLimitBuckets(redis, PerMinute120, Microsoft.Extensions.Logging.Abstractions.NullLogger<RedisRateLimitBuckets>.Instance))
            .ToArray();

        var takes = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => replicas[i % 2].TryTakeAsync("member:carol", 10, default).AsTask()));

        // 120 points, 10 a take: twelve, whichever replica asked; a refill second is far off in a test this short.
        Assert.Equal(12, takes.Count(take => take.Acquired));
    }

    [Fact]
    public async Task A_bucket_expires_once_it_would_be_full_again()
    {
        var buckets = Redis();

        await buckets.TryTakeAsync("member:dave", 50, default);

        // 120 points at 2 a second are back after 60 s: the key lives that long and one second more.
        Assert.Equal(TimeSpan.FromSeconds(61), buckets.TimeToLive);
        var ttl = await TestRedis.Database.KeyTimeToLiveAsync(buckets.Key("member:dave"));
        Assert.NotNull(ttl);
        Assert.InRange(ttl!.Value, TimeSpan.FromSeconds(55), TimeSpan.FromSeconds(61));
    }

    [Fact]
    public async Task A_Redis_that_does_not_answer_lets_every_request_through_and_warns_once()
    {
        var logger = new WarningCounter();
        // A short connect timeout: the test need not wait the default 5 s for a port that refuses at once.
        var buckets = Redis(TestRedis.Unreachable() + ",connectTimeout=500", logger);

        for (var i = 0; i < 5; i++)
        {
            Assert.True((await buckets.TryTakeAsync("member:erin", 120, default)).Acquired);
        }

        Assert.Equal(1, logger.Warnings);
    }

    [Fact]
    public async Task The_health_check_names_a_Redis_that_does_not_answer()
    {
        var address = TestRedis.Unreachable();

        var down = await new RedisHealthCheck(new SharedRedis(address + ",connectTimeout=500", "test:")).CheckHealthAsync(new HealthCheckContext());
        var up = await new RedisHealthCheck(new SharedRedis(TestRedis.Configuration, "test:")).CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Unhealthy, down.Status);
        Assert.Equal($"Redis at {address} does not answer.", down.Description);
        Assert.Equal(HealthStatus.Healthy, up.Status);
    }

    private sealed class WarningCounter : ILogger<RedisRateLimitBuckets>
    {
        public int Warnings;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.Warning)
            {
                Interlocked.Increment(ref Warnings);
            }
        }
    }
}
