using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;


namespace Platform.Hosting.Security;

/// <summary>
/// Says at start-up how tokens are trusted, and warns when nothing is configured: a server that silently refuses
/// every sign-in would otherwise look like a bug in the client. Invalid settings have already stopped start-up
/// (ValidateOnStart) by the time this runs.
/// </summary>
internal sealed partial class AuthenticationStartupCheck(IOptions<AuthOptions> options, ILogger<AuthenticationStartupCheck> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        switch (settings.Mode)
        {
            case AuthMode.OpenIdConnect:
                LogOpenIdConnect(logger, settings.Authority!, settings.Audience!);
                break;
            case AuthMode.LocalSigningKey:
                LogLocal(logger, settings.Issuer!, settings.Audience!);
                break;
            default:
                LogAnonymousOnly(logger);
                break;
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Bearer tokens are trusted from the OpenID Connect issuer {Authority} for audience {Audience}")]
    private static partial void LogOpenIdConnect(ILogger logger, string authority, string audience);

    [LoggerMessage(Level = LogLevel.Information, Message = "Bearer tokens are checked with the local signing key (issuer {Issuer}, audience {Audience})")]
    private static partial void LogLocal(ILogger logger, string issuer, string audience);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Neither Auth:Authority nor Auth:SigningKey is configured: nobody can sign in, every request is anonymous")]
    private static partial void LogAnonymousOnly(ILogger logger);
}
