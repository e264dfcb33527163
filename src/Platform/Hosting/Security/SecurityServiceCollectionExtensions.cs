using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

using Platform.Server.Security;

namespace Platform.Hosting.Security;

public static class SecurityServiceCollectionExtensions
{
    /// <summary>
    /// Bearer-token sign-in (an OpenID Connect issuer, or a local HS256 key, from the <c>Auth</c> section), ASP.NET
    /// Core authorization (for policies), and the GraphQL validation rule that enforces <c>Authorize()</c>,
    /// <c>AuthorizeWithRoles</c>, <c>AuthorizeWithPolicy</c> and <c>AllowAnonymous()</c> on every request.
    /// Invalid settings (a signing key under 32 bytes, ...) stop start-up; none at all leaves the server anonymous-only
    /// with a warning. The application also needs <c>app.UseAuthentication(); app.UseAuthorization();</c> before the
    /// GraphQL endpoint is mapped.
    /// </summary>
    public static IServiceCollection AddBearerAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        // Bound and checked when first read, so that every configuration source (test settings included) is in.
        services.AddOptions<AuthOptions>().Bind(configuration.GetSection(AuthOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<LocalTokenIssuer>();

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(jwt => jwt.EventsType = typeof(BearerTokenEvents));
        services.TryAddScoped<BearerTokenEvents>();
        // The handler logs a refused token with its exception and stack trace; BearerTokenEvents writes one line instead.
        services.AddLogging(logging => logging.AddFilter("Microsoft.AspNetCore.Authentication.JwtBearer.JwtBearerHandler", LogLevel.Warning));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<JwtBearerOptions>, JwtBearerConfiguration>());
        services.TryAddEnumerable(ServiceDescriptor.Transient<IClaimsTransformation, MemberRoleClaimsTransformation>());
        // The same checks for a token that comes in a WebSocket's connection_init instead of a header.
        services.TryAddSingleton<IBearerTokenValidator, JwtBearerTokenValidator>();
        services.AddHostedService<AuthenticationStartupCheck>();
        services.AddAuthorization();

        services.AddGraphQLAuthorization();
        return services;
    }
}
