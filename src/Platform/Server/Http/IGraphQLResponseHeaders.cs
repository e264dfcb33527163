using Microsoft.AspNetCore.Http;

namespace Platform.Server.Http;

/// <summary>
/// Headers every GraphQL answer carries, written by the feature that knows them (the rate limit's <c>RateLimit-*</c>),
/// so the transport names none. Called for each GraphQL result, refused or executed, before the body is written.
/// </summary>
internal interface IGraphQLResponseHeaders
{
    void WriteHeaders(HttpContext context);
}
