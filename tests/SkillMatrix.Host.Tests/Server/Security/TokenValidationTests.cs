using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using Platform.Server.Security;

namespace SkillMatrix.Host.Tests.Server.Security;

/// <summary>
/// Bearer tokens against the real Host in local mode: the issuer's tokens are accepted, and every way a token can be
/// forged, stale or meant for someone else is refused: the request runs anonymous, and a field that needs sign-in is 401
/// AUTH_NOT_AUTHENTICATED with RFC 6750's challenge saying why (<c>error="invalid_token", error_description="..."</c>).
/// </summary>
public sealed class TokenValidationTests(SignedInHost fixture) : IClassFixture<SignedInHost>
{
    private const string ViewerQuery = "{ viewer }";

    private HttpClient Client => fixture.Host.Anonymous();

    private string IssueToken(string subject = "alice", string? name = "Alice", params string[] roles) => fixture.Host.IssueToken(subject, name, roles);

    [Fact]
    public async Task A_token_from_the_issuer_signs_in_as_its_subject_and_carries_the_member_role()
    {
        var reply = await Client.QueryAsync("{ viewer viewerName viewerRoles }", IssueToken());

        Assert.True(reply.Status == HttpStatusCode.OK, reply.ToString());
        Assert.Equal("alice", (string?)reply.Data?["viewer"]);
        Assert.Equal("Alice", (string?)reply.Data?["viewerName"]);
        Assert.Equal(["member"], reply.Data?["viewerRoles"]!.AsArray().Select(r => (string?)r));
    }

    [Fact]
    public async Task Without_a_token_a_field_that_needs_sign_in_is_401_with_a_bearer_challenge()
    {
        (await Client.QueryAsync(ViewerQuery)).AssertRefusedAsAnonymous();
    }

    [Fact]
    public async Task Without_a_token_public_fields_still_answer()
    {
        var reply = await Client.QueryAsync("{ levels { key } }");

        Assert.True(reply.Status == HttpStatusCode.OK, reply.ToString());
        Assert.Equal(5, reply.Data?["levels"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_role_field_is_403_for_a_member_and_answers_for_an_expert()
    {
        var member = await fixture.Host.SignedInAs("alice").QueryAsync("{ expertProbe }");
        var expert = await fixture.Host.SignedInAsExpert("bob").QueryAsync("{ expertProbe }");

        Assert.True(member.Status == HttpStatusCode.Forbidden, member.ToString());
        Assert.Equal([AuthorizationErrorCodes.NotAuthorized], member.ErrorCodes);
        Assert.True(expert.Status == HttpStatusCode.OK, expert.ToString());
        Assert.Equal("expert", (string?)expert.Data?["expertProbe"]);
    }

    [Fact]
    public async Task An_unsigned_alg_none_token_is_refused()
    {
        var header = Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT"}""");
        var payload = Base64UrlEncoder.Encode(Payload(LocalClaims()).ToJsonString());

        (await Client.QueryAsync(ViewerQuery, $"{header}.{payload}.")).AssertTokenRefused("The token's signature is not valid");
    }

    [Fact]
    public async Task A_token_signed_with_another_key_is_refused()
    {
        var token = Sign(LocalDescriptor(), new SymmetricSecurityKey(Encoding.UTF8.GetBytes("another-key-that-is-also-long-enough-for-hs256")), SecurityAlgorithms.HmacSha256);

        (await Client.QueryAsync(ViewerQuery, token)).AssertTokenRefused("The token's signature is not valid");
    }

    [Fact]
    public async Task An_hs256_token_keyed_with_an_rsa_public_key_is_refused()
    {
        // The key-confusion attack: the public key is public, so a server that let the token pick HMAC would verify it.
        using var rsa = RSA.Create(2048);
        var publicKeyBytes = Encoding.UTF8.GetBytes(rsa.ExportSubjectPublicKeyInfoPem());
        var token = Sign(LocalDescriptor(), new SymmetricSecurityKey(publicKeyBytes), SecurityAlgorithms.HmacSha256);

        (await Client.QueryAsync(ViewerQuery, token)).AssertTokenRefused("The token's signature is not valid");
    }

    [Fact]
    public async Task A_token_expired_beyond_the_clock_skew_is_refused()
    {
        var now = DateTime.UtcNow;
        var descriptor = LocalDescriptor(issuedAt: now.AddMinutes(-10), expires: now.AddSeconds(-45));

        (await Client.QueryAsync(ViewerQuery, SignLocal(descriptor))).AssertTokenRefused("The token expired");
    }

    [Fact]
    public async Task A_token_not_yet_valid_is_refused()
    {
        var now = DateTime.UtcNow;
        var descriptor = LocalDescriptor(issuedAt: now, expires: now.AddHours(1));
        descriptor.NotBefore = now.AddMinutes(5);

        (await Client.QueryAsync(ViewerQuery, SignLocal(descriptor))).AssertTokenRefused("The token is not valid yet");
    }

    [Fact]
    public async Task A_token_without_an_expiry_is_refused()
    {
        var descriptor = LocalDescriptor();
        descriptor.Expires = null;

        var token = SignLocal(descriptor);
        Assert.False(new JsonWebTokenHandler().ReadJsonWebToken(token).TryGetPayloadValue<long>("exp", out _));
        (await Client.QueryAsync(ViewerQuery, token)).AssertTokenRefused("The token has no expiry");
    }

    [Fact]
    public async Task A_token_of_another_issuer_is_refused()
    {
        var descriptor = LocalDescriptor();
        descriptor.Issuer = "someone-else";

        (await Client.QueryAsync(ViewerQuery, SignLocal(descriptor))).AssertTokenRefused("The token is from another issuer");
    }

    [Fact]
    public async Task A_token_for_another_audience_is_refused()
    {
        var descriptor = LocalDescriptor();
        descriptor.Audience = "another-api";

        (await Client.QueryAsync(ViewerQuery, SignLocal(descriptor))).AssertTokenRefused("The token is for another audience");
    }

    [Fact]
    public async Task A_token_whose_payload_was_changed_after_signing_is_refused()
    {
        var parts = IssueToken().Split('.');
        var payload = JsonNode.Parse(Base64UrlEncoder.Decode(parts[1]))!.AsObject();
        payload["sub"] = "mallory";
        payload["role"] = new JsonArray("member", "expert");
        var tampered = $"{parts[0]}.{Base64UrlEncoder.Encode(payload.ToJsonString())}.{parts[2]}";

        (await Client.QueryAsync(ViewerQuery, tampered)).AssertTokenRefused("The token's signature is not valid");
    }

    [Fact]
    public async Task A_token_without_the_bearer_scheme_is_refused_and_says_so()
    {
        using var request = GraphQLHttp.Request(ViewerQuery, graphqlResponse: true);
        request.Headers.TryAddWithoutValidation("Authorization", IssueToken());

        (await Client.SendGraphQLAsync(request)).AssertTokenRefused("The Authorization header must be 'Bearer <token>'");
    }

    [Fact]
    public async Task A_refused_token_still_reads_public_fields()
    {
        var now = DateTime.UtcNow;
        var expired = SignLocal(LocalDescriptor(issuedAt: now.AddMinutes(-10), expires: now.AddSeconds(-45)));

        var reply = await Client.QueryAsync("{ levels { key } }", expired);

        Assert.True(reply.Status == HttpStatusCode.OK, reply.ToString());
        Assert.Equal(5, reply.Data?["levels"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_short_signing_key_stops_start_up_and_says_why()
    {
        var start = TestHost.Start().WithSignIn().WithViewerFields().WithSetting("Auth:SigningKey", "too-short");

        var exception = await Assert.ThrowsAnyAsync<Exception>(start.BuildAsync);

        var messages = string.Join("\n", Chain(exception).Select(e => e.Message));
        Assert.Contains("Auth:SigningKey is 9 bytes long", messages, StringComparison.Ordinal);
        Assert.Contains("at least 32 bytes", messages, StringComparison.Ordinal);
    }

    private static IEnumerable<Exception> Chain(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            yield return e;
            if (e is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Chain))
                {
                    yield return inner;
                }
            }
        }
    }

    private static Claim[] LocalClaims() =>
        [new("sub", "mallory"), new("name", "Mallory"), new("role", "member"), new("role", "expert")];

    private static JsonObject Payload(Claim[] claims)
    {
        var now = DateTimeOffset.UtcNow;
        return new JsonObject
        {
            ["iss"] = TestAuth.Issuer,
            ["aud"] = TestAuth.Audience,
            ["sub"] = claims.First(c => c.Type == "sub").Value,
            ["role"] = new JsonArray([.. claims.Where(c => c.Type == "role").Select(c => (JsonNode)c.Value)]),
            ["iat"] = now.ToUnixTimeSeconds(),
            ["nbf"] = now.ToUnixTimeSeconds(),
            ["exp"] = now.AddHours(1).ToUnixTimeSeconds(),
        };
    }

    private static SecurityTokenDescriptor LocalDescriptor(DateTime? issuedAt = null, DateTime? expires = null)
    {
        var now = issuedAt ?? DateTime.UtcNow;
        return new SecurityTokenDescriptor
        {
            Issuer = TestAuth.Issuer,
            Audience = TestAuth.Audience,
            Subject = new ClaimsIdentity(LocalClaims()),
            IssuedAt = now,
            NotBefore = now,
            Expires = expires ?? now.AddHours(1),
        };
    }

    private static string SignLocal(SecurityTokenDescriptor descriptor) =>
        Sign(descriptor, new SymmetricSecurityKey(Encoding.UTF8.GetBytes(TestAuth.SigningKey)), SecurityAlgorithms.HmacSha256);

    internal static string Sign(SecurityTokenDescriptor descriptor, SecurityKey key, string algorithm)
    {
        descriptor.SigningCredentials = new SigningCredentials(key, algorithm);
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }
}

/// <summary>
/// OpenID Connect mode, with the issuer's discovery document replaced by a static one holding an RSA key: its RS256
/// tokens are accepted, given the member role by the claims transformation, and an HS256 token keyed with that RSA
/// key's public bytes (the key-confusion attack, here against a server that really holds the RSA key) is refused.
/// </summary>
public sealed class OpenIdConnectModeTests : IAsyncLifetime
{
    private const string Authority = "https://login.example.test/realm";
    private const string Audience = "skillmatrix-api";

    private readonly RSA rsa = RSA.Create(2048);
    private TestHost? host;

    private TestHost Host => host ?? throw new InvalidOperationException("Not initialised.");

    public async Task InitializeAsync()
    {
        var publicKey = new RsaSecurityKey(rsa.ExportParameters(includePrivateParameters: false)) { KeyId = "test-key" };
        host = await TestHost.Start()
            .WithSetting("Auth:Authority", Authority)
            .WithSetting("Auth:Audience", Audience)
            .WithViewerFields()
            .WithServices(services => services.Configure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, options =>
            {
                // A static configuration instead of fetching {Authority}/.well-known/openid-configuration.
                var configuration = new OpenIdConnectConfiguration { Issuer = Authority };
                configuration.SigningKeys.Add(publicKey);
                options.Configuration = configuration;
            }))
            .BuildAsync();
    }

    [Fact]
    public async Task An_rs256_token_of_the_issuer_is_accepted_and_made_a_member()
    {
        var token = TokenValidationTests.Sign(Descriptor(), new RsaSecurityKey(rsa) { KeyId = "test-key" }, SecurityAlgorithms.RsaSha256);

        var reply = await Host.Anonymous().QueryAsync("{ viewer viewerRoles }", token);

        Assert.True(reply.Status == HttpStatusCode.OK, reply.ToString());
        Assert.Equal("oidc-user", (string?)reply.Data?["viewer"]);
        Assert.Equal(["member"], reply.Data?["viewerRoles"]!.AsArray().Select(r => (string?)r));
    }

    [Theory]
    [InlineData("pem")]
    [InlineData("der")]
    public async Task An_hs256_token_keyed_with_the_issuers_public_key_is_refused(string encoding)
    {
        var publicKeyBytes = encoding == "pem" ? Encoding.UTF8.GetBytes(rsa.ExportSubjectPublicKeyInfoPem()) : rsa.ExportSubjectPublicKeyInfo();
        var token = TokenValidationTests.Sign(Descriptor(), new SymmetricSecurityKey(publicKeyBytes) { KeyId = "test-key" }, SecurityAlgorithms.HmacSha256);

        (await Host.Anonymous().QueryAsync("{ viewer }", token)).AssertTokenRefused("The token's signature is not valid");
    }

    private static SecurityTokenDescriptor Descriptor()
    {
        var now = DateTime.UtcNow;
        return new SecurityTokenDescriptor
        {
            Issuer = Authority,
            Audience = Audience,
            Subject = new ClaimsIdentity([new Claim("sub", "oidc-user"), new Claim("name", "Oidc User")]),
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(30),
        };
    }

    public async Task DisposeAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }

        rsa.Dispose();
    }
}
