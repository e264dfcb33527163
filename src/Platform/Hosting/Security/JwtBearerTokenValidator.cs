using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

using Platform.Server.Security;

namespace Platform.Hosting.Security;

/// <summary>
/// A token from elsewhere than the Authorization header, checked by the very handlers, parameters and (in OpenID Connect
/// mode) issuer keys of the bearer scheme, then given the same claims transformation: a token valid on a WebSocket is
/// valid over HTTP and the other way round.
/// </summary>
internal sealed class JwtBearerTokenValidator(IOptionsMonitor<JwtBearerOptions> options, IClaimsTransformation transformation) : IBearerTokenValidator
{
    public async Task<ClaimsPrincipal?> ValidateAsync(string token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(token))
        {
            return null;
        }

        var bearer = options.Get(JwtBearerDefaults.AuthenticationScheme);
        var parameters = bearer.TokenValidationParameters.Clone();
        if (bearer.ConfigurationManager is { } manager)
        {
            // What JwtBearerHandler does with the discovery document: its issuer and keys are trusted too.
            var configuration = await manager.GetConfigurationAsync(cancellationToken);
            parameters.ValidIssuers = [.. parameters.ValidIssuers ?? [], configuration.Issuer];
            parameters.IssuerSigningKeys = [.. parameters.IssuerSigningKeys ?? [], .. configuration.SigningKeys];
        }

        foreach (var handler in bearer.TokenHandlers)
        {
            TokenValidationResult result;
            try
            {
                result = await handler.ValidateTokenAsync(token, parameters);
            }
            catch (Exception ex) when (ex is SecurityTokenException or ArgumentException)
            {
                continue;
            }

            if (result.IsValid && result.ClaimsIdentity is { } identity)
            {
                return await transformation.TransformAsync(new ClaimsPrincipal(identity));
            }
        }

        return null;
    }
}
