using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Platform.Server.Security;
using Platform.Hosting.Security;
using Platform.Server.Tests.Security;

namespace Platform.Hosting.Tests.Security;

/// <summary>The Auth settings' checks, the bearer options they produce, the local issuer and the member role.</summary>
public sealed class AuthSettingsTests
{
    private const string Key = "a-signing-key-of-at-least-thirty-two-bytes";

    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddBearerAuthentication(configuration);
        return services.BuildServiceProvider();
    }

    private static Dictionary<string, string?> Local(string key = Key) => new()
    {
        ["Auth:Issuer"] = "local",
        ["Auth:Audience"] = "api",
        ["Auth:SigningKey"] = key,
    };

    [Fact]
    public void A_signing_key_under_32_bytes_is_refused_with_its_length()
    {
        using var services = Services(Local(new string('k', 31)));

        var exception = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<AuthOptions>>().Value);
        Assert.Contains("Auth:SigningKey is 31 bytes long", exception.Message, StringComparison.Ordinal);
        Assert.Contains("at least 32 bytes", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_key_length_counts_bytes_not_characters()
    {
        // 16 characters of two UTF-8 bytes each: 32 bytes, enough.
        using var services = Services(Local(new string('é', 16)));

        Assert.Equal(AuthMode.LocalSigningKey, services.GetRequiredService<IOptions<AuthOptions>>().Value.Mode);
    }

    [Fact]
    public void An_authority_and_a_signing_key_together_are_refused()
    {
        var settings = Local();
        settings["Auth:Authority"] = "https://login.example.test";
        using var services = Services(settings);

        var exception = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<AuthOptions>>().Value);
        Assert.Contains("both set", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://login.example.test/realm", false)]
    [InlineData("http://127.0.0.1:8080", true)]
    [InlineData("http://localhost:8080/realm", true)]
    public void Discovery_over_http_is_allowed_only_for_an_authority_on_this_machine(string authority, bool accepted)
    {
        using var services = Services(new() { ["Auth:Authority"] = authority, ["Auth:Audience"] = "api", ["Auth:RequireHttpsMetadata"] = "false" });

        if (accepted)
        {
            Assert.False(services.GetRequiredService<IOptions<AuthOptions>>().Value.RequireHttpsMetadata);
        }
        else
        {
            var exception = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<AuthOptions>>().Value);
            Assert.Contains("Auth:RequireHttpsMetadata may be false only for an authority on this machine (loopback), not login.example.test", exception.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Local_mode_needs_an_issuer_and_an_audience()
    {
        using var services = Services(new() { ["Auth:SigningKey"] = Key });

        var exception = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<AuthOptions>>().Value);
        Assert.Contains("Auth:Issuer is required", exception.Message, StringComparison.Ordinal);
        Assert.Contains("Auth:Audience is required", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nothing_configured_is_valid_and_anonymous_only()
    {
        using var services = Services([]);

        Assert.Equal(AuthMode.None, services.GetRequiredService<IOptions<AuthOptions>>().Value.Mode);
        Assert.Throws<AuthConfigurationException>(() => services.GetRequiredService<LocalTokenIssuer>().Issue("alice"));
    }

    [Fact]
    public void Local_bearer_validation_is_strict()
    {
        using var services = Services(Local());
        var options = services.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get(JwtBearerDefaults.AuthenticationScheme);
        var parameters = options.TokenValidationParameters;

        Assert.False(options.MapInboundClaims);
        Assert.Equal([SecurityAlgorithms.HmacSha256], parameters.ValidAlgorithms);
        Assert.True(parameters.ValidateIssuer && parameters.ValidateAudience && parameters.ValidateLifetime && parameters.ValidateIssuerSigningKey);
        Assert.True(parameters.RequireExpirationTime && parameters.RequireSignedTokens);
        Assert.True(parameters.ClockSkew <= TimeSpan.FromSeconds(30));
        Assert.Equal("local", parameters.ValidIssuer);
        Assert.Equal("api", parameters.ValidAudience);
        Assert.Equal("name", parameters.NameClaimType);
        Assert.Equal("role", parameters.RoleClaimType);
    }

    [Fact]
    public void Openid_connect_validation_accepts_only_asymmetric_algorithms()
    {
        using var services = Services(new() { ["Auth:Authority"] = "https://login.example.test/realm", ["Auth:Audience"] = "api" });
        var options = services.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get(JwtBearerDefaults.AuthenticationScheme);

        Assert.Equal("https://login.example.test/realm", options.Authority);
        Assert.NotEmpty(options.TokenValidationParameters.ValidAlgorithms);
        Assert.DoesNotContain(options.TokenValidationParameters.ValidAlgorithms, a => a.StartsWith("HS", StringComparison.Ordinal) || a == "none");
        Assert.True(options.TokenValidationParameters.RequireSignedTokens);
    }

    [Fact]
    public void The_local_issuer_writes_sub_name_one_role_claim_per_role_and_the_lifetime()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Local()).Build();
        var now = new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero);
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new FixedTimeProvider(now));
        services.AddBearerAuthentication(configuration);
        using var provider = services.BuildServiceProvider();

        var issued = provider.GetRequiredService<LocalTokenIssuer>().Issue("alice", "Alice", [ToyRoles.Expert, Roles.Member, ToyRoles.Expert], TimeSpan.FromMinutes(90));
        var jwt = new JsonWebTokenHandler().ReadJsonWebToken(issued.Token);

        Assert.Equal("HS256", jwt.Alg);
        Assert.Equal("alice", jwt.Subject);
        Assert.Equal("Alice", jwt.GetClaim("name").Value);
        Assert.Equal(["member", "expert"], jwt.Claims.Where(c => c.Type == "role").Select(c => c.Value));
        Assert.Equal("local", jwt.Issuer);
        Assert.Equal(["api"], jwt.Audiences);
        Assert.Equal(now.UtcDateTime, jwt.IssuedAt);
        Assert.Equal(now.AddMinutes(90).UtcDateTime, jwt.ValidTo);
        Assert.Equal(now.AddMinutes(90), issued.ExpiresAt);
    }

    [Fact]
    public void The_local_issuer_defaults_to_eight_hours_and_the_name_to_the_subject()
    {
        using var services = Services(Local());

        var issued = services.GetRequiredService<LocalTokenIssuer>().Issue("bob");
        var jwt = new JsonWebTokenHandler().ReadJsonWebToken(issued.Token);

        Assert.Equal(TimeSpan.FromHours(8), jwt.ValidTo - jwt.IssuedAt);
        Assert.Equal("bob", jwt.GetClaim("name").Value);
        Assert.Equal(["member"], issued.Roles);
    }

    [Fact]
    public async Task The_claims_transformation_makes_every_signed_in_user_a_member_once()
    {
        var transformation = new MemberRoleClaimsTransformation();
        var signedIn = new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", "x")], "Bearer", "name", "role"));

        var once = await transformation.TransformAsync(signedIn);
        var twice = await transformation.TransformAsync(once);

        Assert.True(twice.IsInRole(Roles.Member));
        Assert.Single(twice.FindAll("role"));
        Assert.False(signedIn.IsInRole(Roles.Member));
        Assert.False((await transformation.TransformAsync(new ClaimsPrincipal(new ClaimsIdentity()))).IsInRole(Roles.Member));
    }

    [Fact]
    public void The_principal_extensions_read_sub_and_name_of_a_signed_in_user_only()
    {
        var signedIn = new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", "m1"), new Claim("name", "Ada")], "Bearer"));
        var anonymous = new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", "m1")]));

        Assert.Equal("m1", signedIn.GetMemberId());
        Assert.Equal("Ada", signedIn.GetMemberName());
        Assert.Null(anonymous.GetMemberId());
        Assert.Null(((ClaimsPrincipal?)null).GetMemberName());
    }
}

internal sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
