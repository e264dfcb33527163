using GraphQL.Execution;
using GraphQL.Validation;
using GraphQLParser.AST;

namespace Platform.Server.Limits;

/// <summary>The <c>extensions.code</c> values of the limits; each limit has its own, so a client can tell which it hit.</summary>
public static class LimitErrorCodes
{
    public const string DepthExceeded = "DEPTH_EXCEEDED";
    public const string InputDepthExceeded = "INPUT_DEPTH_EXCEEDED";
    public const string AliasesExceeded = "ALIASES_EXCEEDED";
    public const string DirectivesExceeded = "DIRECTIVES_EXCEEDED";
    public const string TokensExceeded = "TOKENS_EXCEEDED";
    public const string DocumentTooLarge = "DOCUMENT_TOO_LARGE";
    public const string CostExceeded = "COST_EXCEEDED";
    public const string IntrospectionDisabled = "INTROSPECTION_DISABLED";
    public const string RateLimited = "RATE_LIMITED";
    public const string Timeout = "TIMEOUT";
    public const string Internal = "INTERNAL";
    public const string ValidationErrorsSuppressed = "VALIDATION_ERRORS_SUPPRESSED";
}

/// <summary>
/// A limit refused the operation. A validation error, so nothing executes, and the transport answers it as any
/// request error (400 under application/graphql-response+json, 200 under application/json).
/// </summary>
public class LimitError : ValidationError
{
    internal LimitError(ValidationContext context, ASTNode? node, string code, string message, Dictionary<string, object?>? extensions = null)
        : base(context.Document.Source, null, message, node is null ? [] : [node])
    {
        Code = code;
        // GraphQL.NET writes these next to `code` in the error's extensions.
        Extensions = extensions;
    }
}

/// <summary>The caller has spent its points for now; the transport answers 429 with <see cref="RetryAfter"/>.</summary>
public sealed class RateLimitedError : LimitError
{
    internal RateLimitedError(ValidationContext context, int cost, int pointsPerMinute, TimeSpan retryAfter)
        : base(context, context.Operation, LimitErrorCodes.RateLimited,
            $"Rate limit exceeded: this request costs {cost} points and {pointsPerMinute} are available per minute. Retry after {RetryAfterSeconds(retryAfter)} s.",
            new Dictionary<string, object?>
            {
                ["cost"] = cost,
                ["pointsPerMinute"] = pointsPerMinute,
                ["retryAfter"] = RetryAfterSeconds(retryAfter),
            })
    {
        RetryAfter = retryAfter;
    }

    public TimeSpan RetryAfter { get; }

    /// <summary>Whole seconds, rounded up (Retry-After takes an integer), at least one.</summary>
    public static int RetryAfterSeconds(TimeSpan retryAfter) => Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
}

/// <summary>A document refused for its size or tokens before it was parsed: a request error like a syntax error.</summary>
internal sealed class DocumentLimitError : RequestError
{
    public DocumentLimitError(string code, string message, Dictionary<string, object?> extensions) : base(message)
    {
        Code = code;
        Extensions = extensions;
    }
}
