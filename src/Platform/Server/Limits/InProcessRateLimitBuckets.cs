using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Platform.Server.Limits;

/// <summary>
/// The buckets in this process's memory (.NET's <see cref="PartitionedRateLimiter"/>, as ASP.NET Core's rate limiting
/// uses): the default, and right for one replica; with several, each has its own budget per caller.
/// </summary>
internal sealed class InProcessRateLimitBuckets : IRateLimitBuckets, IDisposable
{
    private readonly PartitionedRateLimiter<string> limiter;

    public InProcessRateLimitBuckets(IOptions<GraphQLLimitsOptions> options)
    {
        var bucket = RateLimitBucket.For(options.Value.RateLimit);
        limiter = PartitionedRateLimiter.Create<string, string>(partition => RateLimitPartition.GetTokenBucketLimiter(partition, _ =>
            new TokenBucketRateLimiterOptions
            {
                TokenLimit = bucket.Capacity,
                TokensPerPeriod = bucket.PointsPerSecond,
                ReplenishmentPeriod = RateLimitBucket.RefillPeriod,
                AutoReplenishment = true,
                // Refused, not queued: a GraphQL client retries after Retry-After rather than holding a connection open.
                QueueLimit = 0,
            }));
    }

    public ValueTask<RateLimitDecision> TryTakeAsync(string partition, int points, CancellationToken cancellationToken)
    {
        using var lease = limiter.AttemptAcquire(partition, points);
        var remaining = limiter.GetStatistics(partition) is { } statistics ? (int?)Math.Max(0, statistics.CurrentAvailablePermits) : null;
        return ValueTask.FromResult(lease.IsAcquired
            ? new RateLimitDecision(true, TimeSpan.Zero, remaining)
            : new RateLimitDecision(false, lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1), remaining));
    }

    public void Dispose() => limiter.Dispose();
}
