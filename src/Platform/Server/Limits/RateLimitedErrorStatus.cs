using System.Globalization;
using Microsoft.AspNetCore.Http;
using Platform.Server.Http;

namespace Platform.Server.Limits;

/// <summary>
/// Rate limiting is HTTP's business, whatever the media type: 429 with Retry-After is what clients and proxies know
/// to back off on.
/// </summary>
internal sealed class RateLimitedErrorStatus : IGraphQLErrorStatus
{
    public int? StatusCodeFor(ExecutionErrors errors, ResponseFormat format) =>
        errors.Any(e => e is RateLimitedError) ? StatusCodes.Status429TooManyRequests : null;

    public void WriteHeaders(HttpResponse response, ExecutionErrors errors)
    {
        var retryAfter = errors.OfType<RateLimitedError>().Max(e => e.RetryAfter);
        response.Headers.RetryAfter = RateLimitedError.RetryAfterSeconds(retryAfter).ToString(CultureInfo.InvariantCulture);
    }
}
