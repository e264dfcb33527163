using Microsoft.AspNetCore.Http;

namespace Platform.Server.Subscriptions;

internal static class StreamingResponses
{
    /// <summary>429 with a JSON error: the client's address has as many connections open as it may.</summary>
    public static async Task RefuseConnectionAsync(HttpContext context, int limit, StreamingExecutor executor)
    {
        var result = StreamingExecutor.ErrorResult(new SubscriptionError(SubscriptionErrorCodes.ConnectionsExceeded,
            $"A client address may have at most {limit} open streaming connections.", limit));
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(executor.Serialize(result), context.RequestAborted);
    }
}
