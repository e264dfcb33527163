using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Platform.Server.Http;

namespace Platform.Server.Limits;

/// <summary>
/// <c>RateLimit-Limit</c>, <c>RateLimit-Remaining</c> and <c>RateLimit-Reset</c> (the IETF draft's names; GitHub's
/// <c>X-RateLimit-*</c> say the same) on every answer the rate limit charged, so a client paces itself instead of
/// waiting for a 429: the bucket's size in points, what is left after this request, and the seconds until it is full.
/// </summary>
internal sealed class RateLimitHeaders(IOptionsMonitor<GraphQLLimitsOptions> options) : IGraphQLResponseHeaders
{
    public void WriteHeaders(HttpContext context)
    {
        if (context.RequestServices.GetService<GraphQLRequestLimits>()?.RateLimit is not { Remaining: { } remaining })
        {
            return;
        }

        var bucket = RateLimitBucket.For(options.CurrentValue.RateLimit);
        var headers = context.Response.Headers;
        headers["RateLimit-Limit"] = bucket.Capacity.ToString(System.Globalization.CultureInfo.InvariantCulture);
        headers["RateLimit-Remaining"] = remaining.ToString(System.Globalization.CultureInfo.InvariantCulture);
        headers["RateLimit-Reset"] = bucket.SecondsUntilFull(remaining).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
