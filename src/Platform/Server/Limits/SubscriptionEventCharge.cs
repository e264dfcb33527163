namespace Platform.Server.Limits;

/// <summary>
/// What each event of one subscription costs: the subscription's own computed cost, spent from the bucket its
/// subscribe was charged to (the member, else the client's address), so a live query pays per result as a polled one
/// does. A transport spends it when it delivers an event, and ends the subscription with <see cref="SubscriptionRateLimitedError"/>
/// once the bucket cannot pay: a subscriber learns why its events stopped instead of missing them silently.
/// </summary>
internal sealed class SubscriptionEventCharge
{
    private readonly GraphQLRateLimiter limiter;
    private readonly string partition;
    private readonly long cost;

    private SubscriptionEventCharge(GraphQLRateLimiter limiter, string partition, long cost)
    {
        this.limiter = limiter;
        this.partition = partition;
        this.cost = cost;
    }

    /// <summary>
    /// The charge of the subscription that just ran in <paramref name="operationServices"/> (its scope, where the cost
    /// rule left the cost and the execution step whom it charged); null when nobody is charged (rate limit off, no
    /// address to charge) or the subscription never got as far as being priced.
    /// </summary>
    public static SubscriptionEventCharge? For(IServiceProvider operationServices) =>
        operationServices.GetService<GraphQLRequestLimits>() is { RateLimitPartition: { } partition, Cost: { } cost }
        && operationServices.GetService<GraphQLRateLimiter>() is { Enabled: true } limiter
            ? new SubscriptionEventCharge(limiter, partition, cost)
            : null;

    /// <summary>Spends one event's points; null when they were there, else the error that ends the subscription.</summary>
    public async ValueTask<ExecutionError?> TrySpendAsync(CancellationToken cancellationToken)
    {
        var decision = await limiter.TrySpendAsync(partition, cost, cancellationToken).ConfigureAwait(false);
        return decision.Acquired ? null : new SubscriptionRateLimitedError((int)Math.Min(cost, int.MaxValue), limiter.PointsPerMinute, decision.RetryAfter);
    }
}

/// <summary>
/// The caller's budget could not pay for a subscription's next event: the subscription ends with this error
/// (RATE_LIMITED, as a refused query, with the same extensions), and the client may subscribe again after
/// <c>retryAfter</c> seconds.
/// </summary>
internal sealed class SubscriptionRateLimitedError : ExecutionError
{
    public SubscriptionRateLimitedError(int cost, int pointsPerMinute, TimeSpan retryAfter)
        : base($"Rate limit exceeded: each event of this subscription costs {cost} points and {pointsPerMinute} are available per minute, " +
            $"so it has ended. Subscribe again after {RateLimitedError.RetryAfterSeconds(retryAfter)} s.")
    {
        Code = LimitErrorCodes.RateLimited;
        Extensions = new Dictionary<string, object?>
        {
            ["cost"] = cost,
            ["pointsPerMinute"] = pointsPerMinute,
            ["retryAfter"] = RateLimitedError.RetryAfterSeconds(retryAfter),
        };
    }
}
