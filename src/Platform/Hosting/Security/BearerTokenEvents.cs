using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;
using Platform.Server.Security;

namespace Platform.Hosting.Security;

/// <summary>
/// What a refused token leaves behind: one Information line with the reason (never the token), and the reason on the
/// request (<see cref="BearerTokenRefusal"/>) for the 401's challenge. The JWT handler's own lines, which carry the
/// exception and its stack trace, are filtered out (see <see cref="SecurityServiceCollectionExtensions"/>).
/// </summary>
internal sealed class BearerTokenEvents(ILogger<BearerTokenEvents> logger) : JwtBearerEvents
{
    private const string Scheme = "Bearer ";

    public override Task MessageReceived(MessageReceivedContext context)
    {
        // An Authorization header the handler skips (no "Bearer " before the token) is a token the client meant to send.
        var header = context.Request.Headers.Authorization.ToString();
        if (header.Length > 0 && !header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            Refuse(context.HttpContext, "The Authorization header must be 'Bearer <token>'");
        }

        return Task.CompletedTask;
    }

    public override Task AuthenticationFailed(AuthenticationFailedContext context)
    {
        Refuse(context.HttpContext, ReasonOf(context.Exception));
        return Task.CompletedTask;
    }

    private void Refuse(Microsoft.AspNetCore.Http.HttpContext context, string reason)
    {
        BearerTokenRefusal.Set(context, reason);
        logger.LogInformation("Bearer token refused: {Reason}", reason);
    }

    // The library's message names keys and values; the client gets one sentence per kind of failure.
    internal static string ReasonOf(Exception exception) => exception switch
    {
        SecurityTokenExpiredException => "The token expired",
        SecurityTokenNotYetValidException => "The token is not valid yet",
        SecurityTokenNoExpirationException => "The token has no expiry",
        SecurityTokenInvalidAudienceException => "The token is for another audience",
        SecurityTokenInvalidIssuerException => "The token is from another issuer",
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => "The token's signature is not valid",
        SecurityTokenInvalidAlgorithmException => "The token's algorithm is not accepted",
        SecurityTokenMalformedException or ArgumentException => "The token is malformed",
        _ => "The token is not valid",
    };
}
