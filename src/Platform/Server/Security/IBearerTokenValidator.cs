using System.Security.Claims;

namespace Platform.Server.Security;

/// <summary>
/// Checks a bearer token that did not come in an <c>Authorization</c> header (a WebSocket's <c>connection_init</c>
/// payload) exactly as the header's token is checked. The hosting layer implements it over its configured JWT handler,
/// so the server needs no reference to one.
/// </summary>
public interface IBearerTokenValidator
{
    /// <summary>The signed-in principal the token stands for, or null when it is not valid (expired, wrong signature, ...).</summary>
    Task<ClaimsPrincipal?> ValidateAsync(string token, CancellationToken cancellationToken);
}

public static class TokenLifetime
{
    /// <summary>The JWT expiry claim, kept as the token spells it (inbound claim mapping is off).</summary>
    public const string ExpiresClaim = "exp";

    /// <summary>When the principal's token expires (its <c>exp</c>), or null when anonymous or without one.</summary>
    public static DateTimeOffset? ExpiresAt(this ClaimsPrincipal? principal) =>
        principal.IsSignedIn() && long.TryParse(principal!.FindFirst(ExpiresClaim)?.Value, System.Globalization.NumberStyles.Integer,
            System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;
}
