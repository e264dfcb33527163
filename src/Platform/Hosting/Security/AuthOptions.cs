using System.Text;
using Microsoft.Extensions.Options;


namespace Platform.Hosting.Security;

/// <summary>
/// The <c>Auth</c> configuration section. Production names an OpenID Connect issuer (<see cref="Authority"/>);
/// local use signs and checks its own HS256 tokens with <see cref="SigningKey"/>. Neither: anonymous only.
/// </summary>
public sealed class AuthOptions
{
    public const string SectionName = "Auth";

    /// <summary>HS256 needs a key at least as long as its 256-bit hash (RFC 7518 §3.2).</summary>
    public const int MinimumSigningKeyBytes = 32;

    /// <summary>The OpenID Connect issuer whose discovery document and keys are trusted (production).</summary>
    public string? Authority { get; set; }

    /// <summary>The <c>aud</c> every token must carry, in both modes.</summary>
    public string? Audience { get; set; }

    /// <summary>The <c>iss</c> of local tokens; with an Authority, overrides the issuer its discovery document names.</summary>
    public string? Issuer { get; set; }

    /// <summary>
    /// The client id a browser application registered with <see cref="Authority"/> uses for the authorization code flow
    /// with PKCE (the web client reads it from the sign-in configuration endpoint); the server itself needs none.
    /// </summary>
    public string? ClientId { get; set; }

    /// <summary>
    /// Whether the authority's discovery document and keys must come over https (the default). An identity provider on
    /// this machine over http (development, the web client's browser tests) needs false, which is accepted only for a
    /// loopback authority.
    /// </summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>The HS256 secret of local mode, read as UTF-8 text.</summary>
    public string? SigningKey { get; set; }

    public AuthMode Mode =>
        !string.IsNullOrWhiteSpace(Authority) ? AuthMode.OpenIdConnect
        : !string.IsNullOrWhiteSpace(SigningKey) ? AuthMode.LocalSigningKey
        : AuthMode.None;

    internal byte[] SigningKeyBytes() => Encoding.UTF8.GetBytes(SigningKey ?? "");
}

public enum AuthMode
{
    /// <summary>Nothing configured: every request is anonymous.</summary>
    None,

    /// <summary>Tokens signed with <see cref="AuthOptions.SigningKey"/> (HS256), e.g. by the <c>token</c> verb.</summary>
    LocalSigningKey,

    /// <summary>Tokens from the OpenID Connect issuer at <see cref="AuthOptions.Authority"/>.</summary>
    OpenIdConnect,
}

/// <summary>
/// Refuses settings that would make token validation weak or ambiguous, so that start-up (ValidateOnStart) and the
/// <c>token</c> verb stop with a message naming the key instead of the server accepting what it should not.
/// </summary>
internal sealed class AuthOptionsValidator : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        var failures = new List<string>();
        var hasAuthority = !string.IsNullOrWhiteSpace(options.Authority);
        var hasKey = !string.IsNullOrWhiteSpace(options.SigningKey);

        if (hasAuthority && hasKey)
        {
            // Two trust roots in one server is a mistake waiting to happen: say which one, instead of guessing.
            failures.Add($"{AuthOptions.SectionName}:Authority and {AuthOptions.SectionName}:SigningKey are both set; configure one of them (an OpenID Connect issuer in production, a signing key for local use).");
        }

        if (hasKey)
        {
            var length = options.SigningKeyBytes().Length;
            if (length < AuthOptions.MinimumSigningKeyBytes)
            {
                failures.Add($"{AuthOptions.SectionName}:SigningKey is {length} bytes long; HS256 needs a key of at least {AuthOptions.MinimumSigningKeyBytes} bytes (256 bits). Use a longer random secret.");
            }

            if (string.IsNullOrWhiteSpace(options.Issuer))
            {
                failures.Add($"{AuthOptions.SectionName}:Issuer is required with {AuthOptions.SectionName}:SigningKey.");
            }
        }

        Uri? authority = null;
        if (hasAuthority && !Uri.TryCreate(options.Authority, UriKind.Absolute, out authority))
        {
            failures.Add($"{AuthOptions.SectionName}:Authority must be an absolute URL.");
        }
        else if (authority is not null && !options.RequireHttpsMetadata && !authority.IsLoopback)
        {
            failures.Add($"{AuthOptions.SectionName}:RequireHttpsMetadata may be false only for an authority on this machine (loopback), not {authority.Host}.");
        }

        if ((hasAuthority || hasKey) && string.IsNullOrWhiteSpace(options.Audience))
        {
            failures.Add($"{AuthOptions.SectionName}:Audience is required when tokens are accepted.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
