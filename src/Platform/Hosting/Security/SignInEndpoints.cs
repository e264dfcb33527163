using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Platform.Hosting.Security;

/// <summary>
/// What a browser client needs to sign in, next to the API: <c>GET {prefix}/config</c> says how (an OpenID Connect
/// issuer to run the code flow against, or local tokens, or nobody), and in local mode <c>POST {prefix}/token</c> issues
/// a token as the <c>token</c> verb does, so that a web client can sign in during development without a terminal.
/// The token endpoint is on only where <c>Auth:LocalSignIn</c> says so, by default in Development only: whoever can reach
/// it can be anyone, with any role, so it must never be on in front of real members.
/// </summary>
public static partial class SignInEndpoints
{
    public const string LocalSignInKey = $"{AuthOptions.SectionName}:LocalSignIn";

    private const int MaxSubjectLength = 64;
    private const int MaxNameLength = 100;
    private const int MaxRoles = 8;

    public static IEndpointRouteBuilder MapSignIn(this IEndpointRouteBuilder endpoints, string prefix)
    {
        var services = endpoints.ServiceProvider;
        var configuration = services.GetRequiredService<IConfiguration>();
        var environment = services.GetRequiredService<IHostEnvironment>();
        var localSignIn = configuration.GetValue<bool?>(LocalSignInKey) ?? environment.IsDevelopment();

        endpoints.MapGet($"{prefix}/config", (IOptions<AuthOptions> options) =>
        {
            var auth = options.Value;
            return Results.Json(new SignInConfiguration(
                auth.Mode switch
                {
                    AuthMode.OpenIdConnect => "oidc",
                    AuthMode.LocalSigningKey => "local",
                    _ => "none",
                },
                auth.Mode == AuthMode.OpenIdConnect ? auth.Authority : null,
                auth.Mode == AuthMode.OpenIdConnect ? auth.ClientId : null,
                auth.Audience,
                localSignIn && auth.Mode == AuthMode.LocalSigningKey));
        });

        endpoints.MapPost($"{prefix}/token", async (HttpRequest http, LocalTokenIssuer issuer, IOptions<AuthOptions> options, TimeProvider time) =>
        {
            if (!localSignIn || options.Value.Mode != AuthMode.LocalSigningKey)
            {
                return Results.NotFound();
            }

            // Read here rather than bound by the framework, so that a body that is not JSON gets the same answer as
            // one without a subject, instead of the framework's plain-text refusal.
            LocalSignInRequest? request;
            try
            {
                request = await JsonSerializer.DeserializeAsync<LocalSignInRequest>(http.Body, JsonOptions, http.HttpContext.RequestAborted);
            }
            catch (JsonException)
            {
                request = null;
            }

            if (Refusal(request) is { } refusal)
            {
                return Results.Json(new TokenError("invalid_request", refusal), statusCode: StatusCodes.Status400BadRequest);
            }

            var issued = issuer.Issue(request!.Subject!.Trim(), request.Name?.Trim(), request.Roles);
            return Results.Json(new TokenAnswer(issued.Token, "Bearer",
                (int)Math.Round((issued.ExpiresAt - time.GetUtcNow()).TotalSeconds), issued.Subject, issued.Name, issued.Roles));
        });
        return endpoints;
    }

    // The same shapes the token verb accepts, bounded, so a typo gets a sentence instead of a strange token.
    private static string? Refusal(LocalSignInRequest? request)
    {
        if (request is null || string.IsNullOrWhiteSpace(request.Subject))
        {
            return "A JSON body with \"subject\" (the member id) is required.";
        }

        if (request.Subject.Trim().Length > MaxSubjectLength || !SubjectPattern().IsMatch(request.Subject.Trim()))
        {
            return $"\"subject\" must be 1 to {MaxSubjectLength} letters, digits, '.', '_', '-' or '@'.";
        }

        if (request.Name is { Length: > MaxNameLength })
        {
            return $"\"name\" must be at most {MaxNameLength} characters.";
        }

        if (request.Roles is { } roles && (roles.Count > MaxRoles || roles.Any(r => string.IsNullOrWhiteSpace(r) || !SubjectPattern().IsMatch(r.Trim()))))
        {
            return $"\"roles\" must be at most {MaxRoles} names of letters, digits, '.', '_', '-' or '@'.";
        }

        return null;
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    [GeneratedRegex("^[A-Za-z0-9._@-]+$")]
    private static partial Regex SubjectPattern();

    private sealed record LocalSignInRequest(string? Subject, string? Name, IReadOnlyList<string>? Roles);

    private sealed record SignInConfiguration(string Mode, string? Authority, string? ClientId, string? Audience, bool LocalSignIn);

    private sealed record TokenAnswer(
        [property: JsonPropertyName("access_token")] string AccessToken,
        [property: JsonPropertyName("token_type")] string TokenType,
        [property: JsonPropertyName("expires_in")] int ExpiresIn,
        string Subject, string Name, IReadOnlyList<string> Roles);

    private sealed record TokenError(
        [property: JsonPropertyName("error")] string Error,
        [property: JsonPropertyName("error_description")] string Description);
}
