using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Platform.Hosting.Security;
using Platform.Server.Security;

namespace Platform.Hosting.Tests.Security;

/// <summary>
/// A token that comes in a WebSocket's connection_init is checked by the bearer scheme's own handler and parameters:
/// what the Authorization header would accept, with the same claims (the member role, <c>exp</c>), and nothing else.
/// </summary>
public sealed class BearerTokenValidatorTests
{
    private static ServiceProvider Services(string key = "a-signing-key-of-at-least-thirty-two-bytes")
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Auth:Issuer"] = "local",
            ["Auth:Audience"] = "api",
            ["Auth:SigningKey"] = key,
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddBearerAuthentication(configuration);
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task A_local_token_signs_in_its_member_with_roles_and_expiry()
    {
        using var services = Services();
        var issued = services.GetRequiredService<LocalTokenIssuer>().Issue("alice", "Alice", ["expert"], TimeSpan.FromHours(1));

        var principal = await services.GetRequiredService<IBearerTokenValidator>().ValidateAsync(issued.Token, CancellationToken.None);

        Assert.NotNull(principal);
        Assert.Equal("alice", principal.GetMemberId());
        Assert.Equal("Alice", principal.GetMemberName());
        Assert.True(principal.IsInRole(Roles.Member));
        Assert.True(principal.IsInRole("expert"));
        Assert.Equal(issued.ExpiresAt.ToUnixTimeSeconds(), principal.ExpiresAt()?.ToUnixTimeSeconds());
    }

    [Fact]
    public async Task Another_key_an_expired_token_and_garbage_are_refused()
    {
        using var services = Services();
        using var other = Services("another-signing-key-of-at-least-32-bytes");
        var validator = services.GetRequiredService<IBearerTokenValidator>();
        var foreign = other.GetRequiredService<LocalTokenIssuer>().Issue("mallory").Token;
        var expired = new LocalTokenIssuer(services.GetRequiredService<Microsoft.Extensions.Options.IOptions<AuthOptions>>(),
            new FixedTime(DateTimeOffset.UtcNow.AddHours(-2))).Issue("bob", lifetime: TimeSpan.FromMinutes(5)).Token;

        Assert.Null(await validator.ValidateAsync(foreign, CancellationToken.None));
        Assert.Null(await validator.ValidateAsync(expired, CancellationToken.None));
        Assert.Null(await validator.ValidateAsync("not.a.token", CancellationToken.None));
        Assert.Null(await validator.ValidateAsync("", CancellationToken.None));
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
