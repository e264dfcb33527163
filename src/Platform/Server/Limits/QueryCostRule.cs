using GraphQL.Validation;
using Microsoft.Extensions.Options;

namespace Platform.Server.Limits;

/// <summary>
/// Computes the operation's cost (<see cref="QueryCostAnalyzer"/>) once its variables and arguments are known, refuses
/// it past <c>GraphQL:Cost:MaxQueryCost</c> (COST_EXCEEDED), and otherwise spends that many points of the caller's rate
/// limit (RATE_LIMITED when they are spent). Both are validation errors, so a refused request runs nothing.
/// </summary>
internal sealed class QueryCostRule(IOptionsMonitor<GraphQLLimitsOptions> options) : IValidationRule
{
    /// <summary>
    /// Where the rule leaves the cost it computed: <c>ExecutionOptions.UserContext["graphql.cost"]</c>, a <see cref="long"/>.
    /// The operation's span, log line and cost counter read it from there.
    /// </summary>
    public const string CostUserContextKey = "graphql.cost";

    public ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context) => default;

    public ValueTask<IVariableVisitor?> GetVariableVisitorAsync(ValidationContext context) => default;

    public async ValueTask<INodeVisitor?> GetPostNodeVisitorAsync(ValidationContext context)
    {
        var settings = options.CurrentValue.Cost;
        var cost = new QueryCostAnalyzer(context, settings).Compute();
        context.UserContext[CostUserContextKey] = cost;
        var request = context.RequestServices?.GetService<GraphQLRequestLimits>();
        if (request is not null)
        {
            request.Cost = cost;
            request.MaxCost = settings.MaxQueryCost;
        }

        if (cost > settings.MaxQueryCost)
        {
            context.ReportError(new LimitError(context, context.Operation, LimitErrorCodes.CostExceeded,
                $"The operation's estimated cost is {cost}; at most {settings.MaxQueryCost} is allowed. Ask for smaller pages or fewer nested lists.",
                new Dictionary<string, object?> { ["requestedQueryCost"] = cost, ["maxQueryCost"] = settings.MaxQueryCost }));
            return null;
        }

        // Only a request the transport charges to someone, and only one nothing else refused: a refused request
        // must not also spend points.
        if (request?.RateLimitPartition is { } partition && !context.HasErrors
            && context.RequestServices!.GetService<GraphQLRateLimiter>() is { Enabled: true } limiter)
        {
            // A shared store answers over the network: the request's token (client gone, timeout) stops the wait.
            var decision = await limiter.TrySpendAsync(partition, cost, context.CancellationToken).ConfigureAwait(false);
            request.RateLimit = decision;
            var (acquired, retryAfter, _) = decision;
            if (!acquired)
            {
                context.ReportError(new RateLimitedError(context, (int)Math.Min(cost, int.MaxValue), limiter.PointsPerMinute, retryAfter));
            }
        }

        return null;
    }
}
