namespace Platform.Server.Subscriptions;

/// <summary>The <c>extensions.code</c> values of the errors the streaming transports raise.</summary>
internal static class SubscriptionErrorCodes
{
    /// <summary>Too many active subscriptions on the connection or of the member.</summary>
    public const string SubscriptionsExceeded = "SUBSCRIPTIONS_EXCEEDED";

    /// <summary>Too many open connections from the client's address (HTTP 429).</summary>
    public const string ConnectionsExceeded = "CONNECTIONS_EXCEEDED";

    /// <summary>The token the subscription was signed in with expired; sign in again on a new connection.</summary>
    public const string TokenExpired = "AUTH_TOKEN_EXPIRED";
}

/// <summary>An error a transport sends in place of a result, with its code and, for a limit, the limit.</summary>
internal sealed class SubscriptionError : ExecutionError
{
    public SubscriptionError(string code, string message, int? limit = null) : base(message)
    {
        Code = code;
        if (limit is { } value)
        {
            Extensions = new Dictionary<string, object?> { ["limit"] = value };
        }
    }
}
