using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Hosting;

namespace SkillMatrix.Host.Tests.Server.Http;

/// <summary>
/// The GraphiQL IDE of the real Host: in Development a browser's GET /graphql gets the page, and every file it names is
/// served by the Host itself (same origin, no internet access needed); elsewhere it is off unless GraphQL:Ide:Enabled.
/// </summary>
public sealed partial class IdeTests
{
    private const string BrowserAccept = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8";

    [Fact]
    public async Task In_Development_the_Host_serves_the_ide_and_every_file_it_names()
    {
        await using var host = await TestHost.Start().WithSetting(HostDefaults.EnvironmentKey, Environments.Development).BuildAsync();
        var client = host.Anonymous();

        var page = await GetAsync(client, "/graphql", BrowserAccept);

        Assert.True(page.Status == HttpStatusCode.OK && page.MediaType == "text/html", $"{page.Status} {page.MediaType}: {page.Text}");
        Assert.Contains("<title>SkillMatrix GraphQL</title>", page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("://", page.Text, StringComparison.Ordinal);
        var urls = UrlAttribute().Matches(page.Text).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(4, urls.Count);
        foreach (var url in urls)
        {
            Assert.StartsWith("/graphql/ide/", url, StringComparison.Ordinal);
            var file = await GetAsync(client, url, "*/*");
            Assert.True(file.Status == HttpStatusCode.OK, $"{url}: {file.Status}");
            Assert.Equal(url.EndsWith(".css", StringComparison.Ordinal) ? "text/css" : "text/javascript", file.MediaType);
            Assert.True(file.Text.Length > 1000, $"{url}: {file.Text.Length} characters");
        }
    }

    [Fact]
    public async Task Outside_Development_the_ide_is_off_unless_the_setting_turns_it_on()
    {
        await using var plain = await TestHost.Start().BuildAsync();
        await using var enabled = await TestHost.Start().WithSetting("GraphQL:Ide:Enabled", "true").BuildAsync();
        const string Script = "/graphql/ide/graphiql-3.9.0/graphiql.min.js";

        var refused = await GetAsync(plain.Anonymous(), "/graphql", BrowserAccept);
        var missing = await GetAsync(plain.Anonymous(), Script, "*/*");
        var page = await GetAsync(enabled.Anonymous(), "/graphql", BrowserAccept);
        var script = await GetAsync(enabled.Anonymous(), Script, "*/*");

        // A GET without a query, as GraphQL over HTTP answers it.
        Assert.True(refused.Status == HttpStatusCode.BadRequest && refused.MediaType == "application/json", $"{refused.Status}: {refused.Text}");
        Assert.Contains("INVALID_REQUEST", refused.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, missing.Status);
        Assert.True(page.Status == HttpStatusCode.OK && page.MediaType == "text/html", $"{page.Status}: {page.Text}");
        Assert.Equal(HttpStatusCode.OK, script.Status);
    }

    private static async Task<(HttpStatusCode Status, string? MediaType, string Text)> GetAsync(HttpClient client, string url, string accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("Accept", accept);
        using var response = await client.SendAsync(request);
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync());
    }

    [GeneratedRegex("(?:src|href)=\"([^\"]+)\"")]
    private static partial Regex UrlAttribute();
}
