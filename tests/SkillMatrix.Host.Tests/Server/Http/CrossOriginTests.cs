using System.Net;
using System.Net.Http.Json;
using SkillMatrix.Host.Tests.Testing;

namespace SkillMatrix.Host.Tests.Server.Http;

/// <summary>A browser application on another origin: preflight and actual request, as a browser sends them.</summary>
public sealed class CrossOriginTests
{
    private const string Dashboard = "https://dashboard.example.com";

    [Fact]
    public async Task A_listed_origin_gets_its_preflight_answered_and_can_read_the_answer()
    {
        await using var host = await TestHost.Start().WithSetting("Cors:AllowedOrigins:0", Dashboard).BuildAsync();
        var client = host.Anonymous();

        using var preflight = await client.SendAsync(Preflight(Dashboard));

        Assert.Equal(HttpStatusCode.NoContent, preflight.StatusCode);
        Assert.Equal(Dashboard, Single(preflight, "Access-Control-Allow-Origin"));
        Assert.Contains("POST", Single(preflight, "Access-Control-Allow-Methods"), StringComparison.Ordinal);
        var headers = Single(preflight, "Access-Control-Allow-Headers").ToLowerInvariant();
        Assert.Contains("content-type", headers, StringComparison.Ordinal);
        Assert.Contains("authorization", headers, StringComparison.Ordinal);
        Assert.Equal("600", Single(preflight, "Access-Control-Max-Age"));

        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query = "{ __typename }" }) };
        request.Headers.Add("Origin", Dashboard);
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Dashboard, Single(response, "Access-Control-Allow-Origin"));
        Assert.Contains("WWW-Authenticate", Single(response, "Access-Control-Expose-Headers"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_origin_that_is_not_listed_gets_no_cors_headers()
    {
        await using var host = await TestHost.Start().WithSetting("Cors:AllowedOrigins", $"{Dashboard}, https://other.example.com").BuildAsync();

        using var preflight = await host.Anonymous().SendAsync(Preflight("https://evil.example.com"));

        Assert.False(preflight.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Two_origins_in_one_comma_separated_setting_are_both_allowed()
    {
        await using var host = await TestHost.Start().WithSetting("Cors:AllowedOrigins", $"{Dashboard}, https://other.example.com/").BuildAsync();

        using var preflight = await host.Anonymous().SendAsync(Preflight("https://other.example.com"));

        Assert.Equal("https://other.example.com", Single(preflight, "Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Without_allowed_origins_nothing_crosses_origins()
    {
        await using var host = await TestHost.Start().BuildAsync();

        using var preflight = await host.Anonymous().SendAsync(Preflight(Dashboard));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, preflight.StatusCode);
        Assert.False(preflight.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task A_setting_that_is_not_an_origin_stops_the_start()
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var host = await TestHost.Start().WithSetting("Cors:AllowedOrigins:0", "https://dashboard.example.com/app").BuildAsync();
        });

        Assert.Contains("Cors:AllowedOrigins", failure.ToString(), StringComparison.Ordinal);
    }

    private static HttpRequestMessage Preflight(string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/graphql");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "content-type, authorization");
        return request;
    }

    private static string Single(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : throw new Xunit.Sdk.XunitException($"no {name} header in {response}");
}
