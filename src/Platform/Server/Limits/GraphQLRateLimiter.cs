using Microsoft.Extensions.Options;

namespace Platform.Server.Limits;

/// <summary>
/// Cost points per minute per caller, from a token bucket per partition (<see cref="RateLimitBucket"/>) kept by the
/// registered <see cref="IRateLimitBuckets"/>: in this process unless the host registers a shared store.
/// </summary>
internal sealed class GraphQLRateLimiter(IOptions<GraphQLLimitsOptions> options, IRateLimitBuckets buckets)
{
    public bool Enabled { get; } = options.Value.RateLimit.Enabled;

    public int PointsPerMinute { get; } = options.Value.RateLimit.PointsPerMinute;

    /// <summary>Spends <paramref name="cost"/> points of <paramref name="partition"/>; on refusal, when to retry.</summary>
    public ValueTask<RateLimitDecision> TrySpendAsync(string partition, long cost, CancellationToken cancellationToken)
    {
        if (!Enabled)
        {
            return ValueTask.FromResult(RateLimitDecision.Taken);
        }

        // Every request spends at least a point; one dearer than the whole bucket needs the whole (full) bucket,
        // since a token bucket cannot hand out more points than it holds.
        var points = (int)Math.Clamp(cost, 1, PointsPerMinute);
        return buckets.TryTakeAsync(partition, points, cancellationToken);
    }
}
