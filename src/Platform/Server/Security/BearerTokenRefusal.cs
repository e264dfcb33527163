using Microsoft.AspNetCore.Http;

namespace Platform.Server.Security;

/// <summary>
/// Why the request's bearer token was refused, in words a client can act on ("The token expired"). Whatever validates
/// tokens sets it as a feature of the request; the request then runs anonymous, and a 401 challenge carries it as
/// RFC 6750's <c>error="invalid_token", error_description="..."</c>.
/// </summary>
public sealed record BearerTokenRefusal(string Description)
{
    public static void Set(HttpContext context, string description) => context.Features.Set(new BearerTokenRefusal(description));

    /// <summary>The <c>WWW-Authenticate</c> value for a 401 of <paramref name="context"/>.</summary>
    public static string ChallengeFor(HttpContext context) =>
        context.Features.Get<BearerTokenRefusal>() is { } refusal
            ? $"Bearer error=\"invalid_token\", error_description=\"{refusal.Description}\""
            : "Bearer";
}
