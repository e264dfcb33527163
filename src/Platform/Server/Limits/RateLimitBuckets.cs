namespace Platform.Server.Limits;

/// <summary>
/// Where the rate limit's token buckets live. In this process by default (<see cref="InProcessRateLimitBuckets"/>), so
/// each replica has its own; a store shared by the replicas (Redis, registered by the hosting layer) makes a caller's
/// budget one budget whichever replica answers. Both keep the same bucket (<see cref="RateLimitBucket"/>), so a caller
/// sees the same limits and the same Retry-After from either.
/// </summary>
public interface IRateLimitBuckets
{
    /// <summary>
    /// Takes <paramref name="points"/> (at least 1, at most the bucket's capacity) from <paramref name="partition"/>'s
    /// bucket in one step, or takes nothing and says when that many will be there.
    /// </summary>
    ValueTask<RateLimitDecision> TryTakeAsync(string partition, int points, CancellationToken cancellationToken);
}

/// <summary>
/// Whether the points were taken; if not, how long until they will be there. <see cref="Remaining"/>: the points left in
/// the bucket after this decision, when the store knows (null when it could not be asked).
/// </summary>
public readonly record struct RateLimitDecision(bool Acquired, TimeSpan RetryAfter, int? Remaining = null)
{
    public static RateLimitDecision Taken => new(true, TimeSpan.Zero);

    public static RateLimitDecision TakenLeaving(int remaining) => new(true, TimeSpan.Zero, remaining);
}

/// <summary>
/// The bucket every caller gets: it holds a minute's points and refills a sixtieth of them (rounded up) every whole
/// second, so a caller can spend a minute's worth at once and then gets a sixtieth of it back each second.
/// </summary>
public readonly record struct RateLimitBucket(int Capacity, int PointsPerSecond)
{
    public static readonly TimeSpan RefillPeriod = TimeSpan.FromSeconds(1);

    public static RateLimitBucket For(GraphQLRateLimitOptions options) =>
        new(options.PointsPerMinute, Math.Max(1, (int)Math.Ceiling(options.PointsPerMinute / 60.0)));

    /// <summary>How long until a bucket holding <paramref name="remaining"/> points is full again, in whole seconds.</summary>
    public int SecondsUntilFull(int remaining) =>
        (int)Math.Ceiling(Math.Max(0, Capacity - remaining) / (double)PointsPerSecond * RefillPeriod.TotalSeconds);
}
