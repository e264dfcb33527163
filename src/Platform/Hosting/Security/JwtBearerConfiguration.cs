using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

using Platform.Server.Security;

namespace Platform.Hosting.Security;

/// <summary>
/// Strict bearer-token validation from <see cref="AuthOptions"/>, applied when the options are first used (after all
/// configuration sources, test settings included, are in). Every check is named explicitly rather than left to a
/// library default: the algorithm list (so a token cannot choose how it is checked: no <c>none</c>, no HS256 signed
/// with an OIDC public key), issuer, audience, lifetime with a 30-second skew, and a signature on every token.
/// </summary>
internal sealed class JwtBearerConfiguration(IOptions<AuthOptions> auth) : IConfigureNamedOptions<JwtBearerOptions>
{
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    private static readonly string[] LocalAlgorithms = [SecurityAlgorithms.HmacSha256];

    private static readonly string[] OpenIdConnectAlgorithms =
    [
        SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
        SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.RsaSsaPssSha384, SecurityAlgorithms.RsaSsaPssSha512,
        SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.EcdsaSha512,
    ];

    public void Configure(string? name, JwtBearerOptions options)
    {
        if (name == JwtBearerDefaults.AuthenticationScheme)
        {
            Configure(options);
        }
    }

    public void Configure(JwtBearerOptions options)
    {
        var settings = auth.Value;

        // `sub`, `name` and `role` stay as the token spells them, not as WS-Federation claim URIs.
        options.MapInboundClaims = false;

        var parameters = options.TokenValidationParameters;
        parameters.NameClaimType = TokenClaimTypes.Name;
        parameters.RoleClaimType = TokenClaimTypes.Role;
        parameters.ValidateIssuer = true;
        parameters.ValidateAudience = true;
        parameters.ValidateLifetime = true;
        parameters.ValidateIssuerSigningKey = true;
        parameters.RequireSignedTokens = true;
        parameters.RequireExpirationTime = true;
        parameters.ClockSkew = ClockSkew;
        parameters.ValidAudience = settings.Audience;

        switch (settings.Mode)
        {
            case AuthMode.LocalSigningKey:
                parameters.ValidIssuer = settings.Issuer;
                parameters.ValidAlgorithms = LocalAlgorithms;
                parameters.IssuerSigningKey = new SymmetricSecurityKey(settings.SigningKeyBytes());
                break;

            case AuthMode.OpenIdConnect:
                // Keys and issuer come from the authority's discovery document; Auth:Issuer pins the issuer when set.
                options.Authority = settings.Authority;
                options.Audience = settings.Audience;
                options.RequireHttpsMetadata = settings.RequireHttpsMetadata;
                if (!string.IsNullOrWhiteSpace(settings.Issuer))
                {
                    parameters.ValidIssuer = settings.Issuer;
                }

                parameters.ValidAlgorithms = OpenIdConnectAlgorithms;
                break;

            default:
                // No trust root: with no key no signature verifies, and RequireSignedTokens refuses unsigned tokens,
                // so every request is anonymous (an empty ValidAlgorithms would mean "any", so it is left alone).
                break;
        }
    }
}
