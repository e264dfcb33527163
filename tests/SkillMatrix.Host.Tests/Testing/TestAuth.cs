using Microsoft.Extensions.Options;
using Platform.Hosting.Security;

namespace SkillMatrix.Host.Tests.Testing;

/// <summary>
/// The local sign-in every test Host runs with: in process through <see cref="TestHostBuilder.WithSignIn"/>, in the
/// child processes (the crash tests' Host, the <c>token</c> verb) through environment variables.
/// </summary>
internal static class TestAuth
{
    public const string Issuer = "skillmatrix-test";
    public const string Audience = "skillmatrix-test-api";
    public const string SigningKey = "test-only-signing-key-of-more-than-32-bytes";

    public static IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Auth:Issuer"] = Issuer,
        ["Auth:Audience"] = Audience,
        ["Auth:SigningKey"] = SigningKey,
    };

    /// <summary>
    /// The settings as a child process's environment (<c>Auth__Issuer</c>, ...). The child inherits the rest of the test
    /// process's environment, so an OIDC authority set there is blanked: it would conflict with the key.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Environment(string signingKey = SigningKey) => new Dictionary<string, string>
    {
        ["Auth__Authority"] = "",
        ["Auth__Issuer"] = Issuer,
        ["Auth__Audience"] = Audience,
        ["Auth__SigningKey"] = signingKey,
    };

    /// <summary>The production issuer over these settings, for a Host out of process whose services the test cannot reach.</summary>
    public static LocalTokenIssuer LocalIssuer { get; } = new(
        Options.Create(new AuthOptions { Issuer = Issuer, Audience = Audience, SigningKey = SigningKey }), TimeProvider.System);
}
