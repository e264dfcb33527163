using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

using Platform.Server.Security;

namespace Platform.Hosting.Security;

/// <summary>A token and what it says, for the <c>token</c> verb to print.</summary>
public sealed record IssuedToken(string Token, string Subject, string Name, IReadOnlyList<string> Roles, DateTimeOffset ExpiresAt);

/// <summary>The settings do not allow issuing local tokens (no signing key, an OIDC authority, invalid values).</summary>
public sealed class AuthConfigurationException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Signs tokens for local mode with <c>Auth:SigningKey</c> (HS256), carrying exactly what the server validates:
/// <c>iss</c>, <c>aud</c>, <c>iat</c>/<c>nbf</c>/<c>exp</c>, <c>sub</c>, <c>name</c> and one <c>role</c> per role,
/// <see cref="Roles.Member"/> always among them.
/// </summary>
public sealed class LocalTokenIssuer(IOptions<AuthOptions> options, TimeProvider time)
{
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromHours(8);

    public IssuedToken Issue(string subject, string? name = null, IEnumerable<string>? roles = null, TimeSpan? lifetime = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(subject);
        var validity = lifetime ?? DefaultLifetime;
        if (validity <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(lifetime), validity, "A token's lifetime must be positive.");
        }

        AuthOptions settings;
        try
        {
            settings = options.Value;
        }
        catch (OptionsValidationException ex)
        {
            throw new AuthConfigurationException(ex.Message, ex);
        }

        if (settings.Mode != AuthMode.LocalSigningKey)
        {
            throw new AuthConfigurationException(settings.Mode == AuthMode.OpenIdConnect
                ? $"{AuthOptions.SectionName}:Authority is set: tokens come from that OpenID Connect issuer, not from this server."
                : $"{AuthOptions.SectionName}:SigningKey is not set: local tokens need it (appsettings.Development.json has one for development).");
        }

        var displayName = string.IsNullOrWhiteSpace(name) ? subject : name;
        // Every signed-in user is a member; the rest as given, once each, in the order given.
        var allRoles = new[] { Roles.Member }.Concat(roles ?? []).Where(r => !string.IsNullOrWhiteSpace(r))
            .Select(r => r.Trim()).Distinct(StringComparer.Ordinal).ToList();

        var identity = new ClaimsIdentity([
            new Claim(TokenClaimTypes.Subject, subject),
            new Claim(TokenClaimTypes.Name, displayName),
            new Claim(JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString("N")),
            .. allRoles.Select(role => new Claim(TokenClaimTypes.Role, role)),
        ]);

        var now = time.GetUtcNow();
        var expires = now + validity;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = settings.Issuer,
            Audience = settings.Audience,
            Subject = identity,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(settings.SigningKeyBytes()), SecurityAlgorithms.HmacSha256),
        };

        // SetDefaultTimesOnTokenCreation off: the times above come from the TimeProvider, not from the handler's clock.
        var token = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
        return new IssuedToken(token, subject, displayName, allRoles, expires);
    }
}
