using System.Security.Claims;

namespace Platform.Server.Security;

/// <summary>
/// The JWT claim names the API reads, as they stand in the token: inbound claim mapping is off, so <c>sub</c> stays
/// <c>sub</c> rather than becoming a long XML-namespace URI.
/// </summary>
public static class TokenClaimTypes
{
    public const string Subject = "sub";
    public const string Name = "name";
    public const string Role = "role";
}

public static class ClaimsPrincipalExtensions
{
    /// <summary>Whether any of the principal's identities was authenticated (a validated token).</summary>
    public static bool IsSignedIn(this ClaimsPrincipal? principal) =>
        principal is not null && principal.Identities.Any(identity => identity.IsAuthenticated);

    /// <summary>The member id (the <c>sub</c> claim) of a signed-in principal; null when anonymous.</summary>
    public static string? GetMemberId(this ClaimsPrincipal? principal) =>
        principal.IsSignedIn() ? NonEmpty(principal!.FindFirst(TokenClaimTypes.Subject)?.Value) : null;

    /// <summary>The display name (the <c>name</c> claim) of a signed-in principal; null when anonymous or absent.</summary>
    public static string? GetMemberName(this ClaimsPrincipal? principal) =>
        principal.IsSignedIn() ? NonEmpty(principal!.FindFirst(TokenClaimTypes.Name)?.Value) : null;

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
