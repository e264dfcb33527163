using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Platform.Server.Limits;

/// <summary>
/// Cost points per minute per caller: a token bucket per partition (.NET's <see cref="PartitionedRateLimiter"/>, as
/// ASP.NET Core's rate limiting uses). The bucket holds a minute's points and refills every second, so a caller can
/// spend a minute's worth at once and then gets a sixtieth of it back each second.
/// </summary>
internal sealed class GraphQLRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string>? limiter;

    public GraphQLRateLimiter(IOptions<GraphQLLimitsOptions> options)
    {
        var settings = options.Value.RateLimit;
        PointsPerMinute = settings.PointsPerMinute;
        if (!settings.Enabled)
        {
            return;
        }

        limiter = PartitionedRateLimiter.Create<string, string>(partition => RateLimitPartition.GetTokenBucketLimiter(partition, _ =>
            new TokenBucketRateLimiterOptions
            {
                TokenLimit = PointsPerMinute,
                TokensPerPeriod = Math.Max(1, (int)Math.Ceiling(PointsPerMinute / 60.0)),
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                AutoReplenishment = true,
                // Refused, not queued: a GraphQL client retries after Retry-After rather than holding a connection open.
                QueueLimit = 0,
            }));
    }

    public bool Enabled => limiter is not null;

    public int PointsPerMinute { get; }

    /// <summary>Spends <paramref name="cost"/> points of <paramref name="partition"/>; on refusal, when to retry.</summary>
    public (bool Acquired, TimeSpan RetryAfter) TrySpend(string partition, long cost)
    {
        if (limiter is null)
        {
            return (true, TimeSpan.Zero);
        }

        // Every request spends at least a point; one dearer than the whole bucket needs the whole (full) bucket,
        // since a token bucket cannot hand out more permits than it holds.
        var permits = (int)Math.Clamp(cost, 1, PointsPerMinute);
        using var lease = limiter.AttemptAcquire(partition, permits);
        if (lease.IsAcquired)
        {
            return (true, TimeSpan.Zero);
        }

        return (false, lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1));
    }

    public void Dispose() => limiter?.Dispose();
}
