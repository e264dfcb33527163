namespace Platform.Server.Limits;

/// <summary>
/// What the limits' execution step and the cost rule share about one request (a scoped service): who it is charged
/// to, and the cost the rule computed, which the execution step reports when asked (<c>GraphQL-Cost: report</c>).
/// </summary>
internal sealed class GraphQLRequestLimits
{
    /// <summary>Whom the rate limit charges (a member id or a client address); null: no rate limiting (not an HTTP request).</summary>
    public string? RateLimitPartition { get; set; }

    /// <summary>The computed cost, once the cost rule ran (it does only for documents that pass every other check).</summary>
    public long? Cost { get; set; }

    public int MaxCost { get; set; }

    /// <summary>What the rate limit decided for this request, once the cost rule charged it.</summary>
    public RateLimitDecision? RateLimit { get; set; }
}
