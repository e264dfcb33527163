using GraphQL.DI;
using GraphQL.Execution;
using GraphQL.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Platform.Server.Security;

namespace Platform.Server.Limits;

/// <summary>
/// The limits' part of every execution (GraphQL.NET's <see cref="IConfigureExecution"/>, so whichever endpoint runs the
/// executer): the document's size and tokens before it is parsed, the execution timeout, whom the rate limit charges,
/// the cost report (<c>GraphQL-Cost: report</c>) and, outside Development, no "Did you mean" suggestions.
/// </summary>
internal sealed class LimitsExecution(IOptionsMonitor<GraphQLLimitsOptions> options, IHttpContextAccessor http, IHostEnvironment? environment = null)
    : IConfigureExecution
{
    /// <summary>The request header asking for the computed cost in the response's extensions, as HotChocolate names it.</summary>
    internal const string CostHeader = "GraphQL-Cost";

    private const string Suggestion = " Did you mean ";

    /// <summary>
    /// Before the operation telemetry (10) and GraphQL.NET's own steps (100, 200): a document refused for its size was
    /// never an operation, so it is neither parsed nor counted as one.
    /// </summary>
    public float SortOrder => 5;

    public async Task<ExecutionResult> ExecuteAsync(ExecutionOptions executionOptions, ExecutionDelegate next)
    {
        var limits = options.CurrentValue;
        var refused = (executionOptions.Query is { } document ? DocumentLimits.Check(document, limits) : null)
            ?? DocumentLimits.CheckVariables(executionOptions.Variables, limits);
        if (refused is not null)
        {
            // A request error like a syntax error: the document is never parsed.
            return new ExecutionResult { Errors = [refused] };
        }

        // The executer links a token source to the request's, cancels it after Timeout and hands the linked token to
        // validation and every resolver (EF Core passes it to the database, which stops the statement); a timeout
        // becomes a TIMEOUT error (TimeoutError).
        if (limits.ExecutionTimeout > TimeSpan.Zero)
        {
            executionOptions.Timeout = limits.ExecutionTimeout;
            executionOptions.TimeoutAction = TimeoutAction.ReturnTimeoutError;
        }

        var context = http.HttpContext;
        var request = executionOptions.RequestServices?.GetService<GraphQLRequestLimits>();
        if (request is not null && context is not null && limits.RateLimit.Enabled)
        {
            request.RateLimitPartition = RateLimitPartition(context, executionOptions.User);
        }

        var result = await next(executionOptions).ConfigureAwait(false);
        if (!(limits.FieldSuggestions ?? environment?.IsDevelopment() == true))
        {
            WithoutSuggestions(result);
        }

        CapValidationErrors(result, limits.MaxValidationErrors);

        if (context is not null && request is { Cost: { } cost } && AsksForCost(context.Request))
        {
            result.Extensions ??= [];
            result.Extensions["cost"] = new Dictionary<string, object?> { ["requestedQueryCost"] = cost, ["maxQueryCost"] = request.MaxCost };
        }

        return result;
    }

    /// <summary>
    /// The rate limit charges the signed-in member, else the client's address. A request with neither (an in-process
    /// test server; a Unix socket) has nobody to charge and is not limited: one shared bucket would let any one caller
    /// lock out all the others. Behind a proxy, the address is the client's only once ForwardedHeaders is configured;
    /// otherwise every client shares the proxy's.
    /// </summary>
    /// (A WebSocket's member signs in with its first message, not on the upgrade request: the execution's user says who.)
    private static string? RateLimitPartition(HttpContext context, System.Security.Claims.ClaimsPrincipal? user) =>
        (user ?? context.User).GetMemberId() is { } memberId ? "member:" + memberId
        : context.Connection.RemoteIpAddress is { } address ? "ip:" + address
        : null;

    private static bool AsksForCost(HttpRequest request) =>
        request.Headers[CostHeader].Any(v => string.Equals(v?.Trim(), "report", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// A document with many wrong parts gets at most <paramref name="max"/> of its validation errors, then one saying
    /// how many more there were (HotChocolate stops at 5 too): an answer must not grow with the mistakes in a request.
    /// </summary>
    private static void CapValidationErrors(ExecutionResult result, int max)
    {
        if (result.Errors is not { } errors || errors.Count <= max || !errors.All(e => e is ValidationError))
        {
            return;
        }

        var capped = new ExecutionErrors();
        foreach (var error in errors.Take(max))
        {
            capped.Add(error);
        }

        capped.Add(new ValidationError($"{errors.Count - max} more validation errors were suppressed; at most {max} are reported.")
        {
            Code = LimitErrorCodes.ValidationErrorsSuppressed,
            Extensions = new Dictionary<string, object?> { ["suppressed"] = errors.Count - max, ["maxValidationErrors"] = max },
        });
        result.Errors = capped;
    }

    /// <summary>
    /// Drops GraphQL.NET's "Did you mean ...?" from validation messages: they read the schema out to someone guessing
    /// at it, which introspection being off should not leave open.
    /// </summary>
    private static void WithoutSuggestions(ExecutionResult result)
    {
        if (result.Errors is not { } errors || !errors.Any(e => e is ValidationError && e.Message.Contains(Suggestion, StringComparison.Ordinal)))
        {
            return;
        }

        var rewritten = new ExecutionErrors();
        foreach (var error in errors)
        {
            if (error is ValidationError validation && error.Message.IndexOf(Suggestion, StringComparison.Ordinal) is var at and >= 0)
            {
                var replacement = new ValidationError(error.Message[..at]) { Code = error.Code, Number = validation.Number, Path = error.Path, Extensions = error.Extensions };
                foreach (var location in error.Locations ?? [])
                {
                    replacement.AddLocation(location);
                }

                rewritten.Add(replacement);
            }
            else
            {
                rewritten.Add(error);
            }
        }

        result.Errors = rewritten;
    }
}
