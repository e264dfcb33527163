using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace SkillMatrix.Host.Tests.Server.Security;

/// <summary>
/// How a browser signs in: <c>GET /auth/config</c> says which way, and <c>POST /auth/token</c> issues local tokens where
/// <c>Auth:LocalSignIn</c> is on (by default in Development only; the test Host runs as "Testing").
/// </summary>
public sealed class SignInEndpointTests
{
    [Fact]
    public async Task With_local_sign_in_on_a_posted_name_and_role_get_a_token_that_signs_in()
    {
        await using var host = await TestHost.Start().WithSignIn().WithViewerFields().WithSetting("Auth:LocalSignIn", "true").BuildAsync();
        var client = host.Anonymous();

        var config = await client.GetFromJsonAsync<JsonObject>("/auth/config");
        Assert.Equal("local", (string?)config!["mode"]);
        Assert.True((bool?)config["localSignIn"]);
        Assert.Equal(TestAuth.Audience, (string?)config["audience"]);
        Assert.Null(config["authority"]);

        using var answer = await client.PostAsJsonAsync("/auth/token", new { subject = "alice", name = "Alice", roles = new[] { "expert" } });
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var token = (await answer.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("Bearer", (string?)token["token_type"]);
        Assert.InRange((int)token["expires_in"]!, 8 * 3600 - 5, 8 * 3600);
        Assert.Equal(["member", "expert"], token["roles"]!.AsArray().Select(r => (string?)r));

        var reply = await client.QueryAsync("{ viewer viewerName viewerRoles }", (string)token["access_token"]!);
        Assert.True(reply.Status == HttpStatusCode.OK, reply.ToString());
        Assert.Equal("alice", (string?)reply.Data?["viewer"]);
        Assert.Equal("Alice", (string?)reply.Data?["viewerName"]);
        Assert.Equal(["expert", "member"], reply.Data?["viewerRoles"]!.AsArray().Select(r => (string?)r).Order());
    }

    [Theory]
    [InlineData("{}", "\"subject\" (the member id) is required")]
    [InlineData("{bad", "\"subject\" (the member id) is required")]
    [InlineData("[1]", "\"subject\" (the member id) is required")]
    [InlineData("{\"subject\":\"  \"}", "\"subject\" (the member id) is required")]
    [InlineData("{\"subject\":\"al ice\"}", "\"subject\" must be 1 to 64 letters")]
    [InlineData("{\"subject\":\"alice\",\"roles\":[\"ex pert\"]}", "\"roles\" must be at most 8 names")]
    public async Task A_request_without_a_usable_subject_or_roles_is_400_invalid_request_saying_why(string body, string description)
    {
        await using var host = await TestHost.Start().WithSignIn().WithSetting("Auth:LocalSignIn", "true").BuildAsync();

        using var answer = await host.Anonymous().PostAsync("/auth/token", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        var error = (await answer.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("invalid_request", (string?)error["error"]);
        Assert.Contains(description, (string?)error["error_description"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Outside_development_the_token_endpoint_is_not_there_even_with_a_signing_key()
    {
        await using var host = await TestHost.Start().WithSignIn().BuildAsync();
        var client = host.Anonymous();

        var config = await client.GetFromJsonAsync<JsonObject>("/auth/config");
        Assert.Equal("local", (string?)config!["mode"]);
        Assert.False((bool?)config["localSignIn"]);
        using var answer = await client.PostAsJsonAsync("/auth/token", new { subject = "mallory", roles = new[] { "expert" } });
        Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
    }

    [Fact]
    public async Task Without_any_sign_in_configured_the_config_says_none_and_no_token_is_issued()
    {
        await using var host = await TestHost.Start().WithSetting("Auth:LocalSignIn", "true").BuildAsync();
        var client = host.Anonymous();

        var config = await client.GetFromJsonAsync<JsonObject>("/auth/config");
        Assert.Equal("none", (string?)config!["mode"]);
        Assert.False((bool?)config["localSignIn"]);
        using var answer = await client.PostAsJsonAsync("/auth/token", new { subject = "alice" });
        Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
    }

    [Fact]
    public async Task With_an_openid_connect_issuer_the_config_names_it_and_the_client_id_and_no_token_is_issued()
    {
        await using var host = await TestHost.Start()
            .WithSetting("Auth:Authority", "https://login.example.test/realm")
            .WithSetting("Auth:Audience", "skillmatrix-api")
            .WithSetting("Auth:ClientId", "skillmatrix-web")
            .WithSetting("Auth:LocalSignIn", "true")
            .WithServices(services => services.Configure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme,
                // A static configuration instead of fetching the issuer's discovery document.
                options => options.Configuration = new OpenIdConnectConfiguration { Issuer = "https://login.example.test/realm" }))
            .BuildAsync();
        var client = host.Anonymous();

        var config = await client.GetFromJsonAsync<JsonObject>("/auth/config");
        Assert.Equal("oidc", (string?)config!["mode"]);
        Assert.Equal("https://login.example.test/realm", (string?)config["authority"]);
        Assert.Equal("skillmatrix-web", (string?)config["clientId"]);
        Assert.Equal("skillmatrix-api", (string?)config["audience"]);
        Assert.False((bool?)config["localSignIn"]);
        using var answer = await client.PostAsJsonAsync("/auth/token", new { subject = "alice" });
        Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
    }
}
