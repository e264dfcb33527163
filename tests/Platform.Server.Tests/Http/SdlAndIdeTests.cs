using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Hosting;
using Platform.Server.Http;
using static Platform.Tests.Shared.GraphQLHttp;

namespace Platform.Server.Tests.Http;

/// <summary>
/// GET ?sdl gives the schema text; a browser's GET without a query gives the GraphiQL page, whose every file this server
/// serves itself (no internet access needed): on in Development, off by default elsewhere, <c>GraphQL:Ide:Enabled</c>
/// either way. The shared fixture runs in Production.
/// </summary>
public sealed partial class SdlAndIdeTests(ToyServerFixture fixture) : IClassFixture<ToyServerFixture>
{
    private const string BrowserAccept = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8";

    private HttpClient Client => fixture.Server.Client;

    [Theory]
    [InlineData(null)]
    [InlineData(BrowserAccept)]
    public async Task Sdl_returns_the_schema_text(string? accept)
    {
        var reply = await Client.ExchangeAsync(Get("sdl", accept));

        Assert.True(reply.Status == HttpStatusCode.OK, reply.ToString());
        Assert.Equal("text/plain", reply.MediaType);
        Assert.Contains("type Query {", reply.Body, StringComparison.Ordinal);
        Assert.Contains("hello(name: String): String", reply.Body, StringComparison.Ordinal);
        Assert.Contains("type Mutation {", reply.Body, StringComparison.Ordinal);
        Assert.Contains("echo(text: String!): String", reply.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_Development_a_browser_without_a_query_gets_graphiql_naming_only_files_of_this_server()
    {
        await using var server = await ToyServer.Create().InEnvironment(Environments.Development).StartAsync();

        var reply = await server.Client.ExchangeAsync(Get("", BrowserAccept));

        Assert.True(reply.Status == HttpStatusCode.OK, reply.ToString());
        Assert.Equal("text/html", reply.MediaType);
        Assert.Contains("createFetcher({ url: \"/graphql\" })", reply.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("://", reply.Body, StringComparison.Ordinal);
        Assert.Equal(
            [
                "/graphql/ide/graphiql-3.9.0/graphiql.min.css",
                "/graphql/ide/react-18.3.1/react.production.min.js",
                "/graphql/ide/react-dom-18.3.1/react-dom.production.min.js",
                "/graphql/ide/graphiql-3.9.0/graphiql.min.js",
            ],
            Urls(reply.Body));
    }

    [Fact]
    public async Task Every_file_the_page_names_is_served_as_committed_with_its_type_and_cached_for_good()
    {
        await using var server = await ToyServer.Create().InEnvironment(Environments.Development).StartAsync();
        var page = await server.Client.ExchangeAsync(Get("", BrowserAccept));

        foreach (var url in Urls(page.Body))
        {
            using var response = await server.Client.GetAsync(url);
            var content = await response.Content.ReadAsByteArrayAsync();

            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode}");
            Assert.Equal(url.EndsWith(".css", StringComparison.Ordinal) ? "text/css" : "text/javascript", response.Content.Headers.ContentType?.MediaType);
            var caching = response.Headers.CacheControl!;
            Assert.True(caching.Public && caching.MaxAge == TimeSpan.FromDays(365) && caching.Extensions.Any(e => e.Name == "immutable"), $"{url}: Cache-Control {caching}");
            Assert.Equal(["nosniff"], response.Headers.GetValues("X-Content-Type-Options"));
            Assert.Equal(await File.ReadAllBytesAsync(AssetFile(url)), content);

            // The entity tag lets a browser that lost the max-age ask again cheaply.
            var etag = response.Headers.ETag;
            Assert.NotNull(etag);
            using var again = new HttpRequestMessage(HttpMethod.Get, url);
            again.Headers.IfNoneMatch.Add(etag);
            using var notModified = await server.Client.SendAsync(again);
            Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
            Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());
        }
    }

    [Fact]
    public async Task Each_package_has_its_licence_beside_its_files_in_the_repository_and_served()
    {
        await using var server = await ToyServer.Create().InEnvironment(Environments.Development).StartAsync();
        using var record = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(AssetsFolder(), "packages.json")));
        var packages = record.RootElement.GetProperty("packages").EnumerateArray().ToList();

        Assert.Equal(["graphiql", "react", "react-dom"], packages.Select(p => p.GetProperty("name").GetString()).Order());
        var folders = Directory.GetDirectories(AssetsFolder()).Select(Path.GetFileName).Order().ToList();
        Assert.Equal(packages.Select(p => $"{p.GetProperty("name").GetString()}-{p.GetProperty("version").GetString()}").Order(), folders);
        foreach (var package in packages)
        {
            var folder = package.GetProperty("folder").GetString()!;
            Assert.False(string.IsNullOrEmpty(package.GetProperty("license").GetString()), folder);
            Assert.StartsWith("sha512-", package.GetProperty("integrity").GetString(), StringComparison.Ordinal);
            Assert.Equal(Directory.GetFiles(Path.Combine(AssetsFolder(), folder)).Select(Path.GetFileName).Order(),
                package.GetProperty("files").EnumerateArray().Select(f => f.GetString()));

            using var licence = await server.Client.GetAsync($"/graphql/ide/{folder}/LICENSE");
            Assert.True(licence.StatusCode == HttpStatusCode.OK, $"{folder}/LICENSE: {(int)licence.StatusCode}");
            Assert.Equal("text/plain", licence.Content.Headers.ContentType?.MediaType);
            Assert.Equal(await File.ReadAllTextAsync(Path.Combine(AssetsFolder(), folder, "LICENSE")), await licence.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task In_Production_the_ide_is_off_by_default_a_browser_gets_the_usual_answer_and_its_files_are_404()
    {
        var page = await Client.ExchangeAsync(Get("", BrowserAccept));

        // GraphQL over HTTP's answer to a GET without a query.
        page.AssertIs(HttpStatusCode.BadRequest, Json).AssertRequestError("INVALID_REQUEST");
        foreach (var path in GraphiQLAssets.Embedded.Paths.Append("no-such-file.js"))
        {
            using var response = await Client.GetAsync($"/graphql/ide/{path}");
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{path}: {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task The_setting_turns_the_ide_on_in_Production_and_off_in_Development()
    {
        await using var on = await ToyServer.Create().WithIde(o => o.Enabled = true).StartAsync();
        await using var off = await ToyServer.Create().InEnvironment(Environments.Development).WithIde(o => o.Enabled = false).StartAsync();
        const string Script = "/graphql/ide/graphiql-3.9.0/graphiql.min.js";

        var page = await on.Client.ExchangeAsync(Get("", BrowserAccept));
        using var script = await on.Client.GetAsync(Script);
        var refused = await off.Client.ExchangeAsync(Get("", BrowserAccept));
        using var missing = await off.Client.GetAsync(Script);

        Assert.True(page.Status == HttpStatusCode.OK && page.MediaType == "text/html", page.ToString());
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        refused.AssertIs(HttpStatusCode.BadRequest, Json).AssertRequestError("INVALID_REQUEST");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task The_ide_page_is_titled_GraphQL_unless_the_host_names_it()
    {
        await using var plainServer = await ToyServer.Create().WithIde(o => o.Enabled = true).StartAsync();
        await using var named = await ToyServer.Create().WithIde(o => (o.Enabled, o.Title) = (true, "Toys & Co GraphQL")).StartAsync();

        var plain = await plainServer.Client.ExchangeAsync(Get("", BrowserAccept));
        var titled = await named.Client.ExchangeAsync(Get("", BrowserAccept));

        Assert.Contains("<title>GraphQL</title>", plain.Body, StringComparison.Ordinal);
        Assert.Contains("<title>Toys &amp; Co GraphQL</title>", titled.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Browser_with_a_query_gets_the_result_as_json()
    {
        await using var server = await ToyServer.Create().InEnvironment(Environments.Development).StartAsync();

        var reply = await server.Client.ExchangeAsync(Get("query=" + Encode("{ hello }"), BrowserAccept));

        reply.AssertIs(HttpStatusCode.OK, Json);
    }

    [Fact]
    public async Task Sdl_can_be_switched_off()
    {
        await using var server = await ToyServer.Create().WithHttp(o => o.EnableSdl = false).StartAsync();

        var sdl = await server.Client.ExchangeAsync(Get("sdl", Json));

        sdl.AssertIs(HttpStatusCode.BadRequest, Json).AssertRequestError("INVALID_REQUEST");
    }

    /// <summary>Every <c>src</c> and <c>href</c> of the page, in order.</summary>
    private static List<string> Urls(string page) => [.. UrlAttribute().Matches(page).Select(m => m.Groups[1].Value)];

    /// <summary>The committed file behind a URL <c>/graphql/ide/{folder}/{file}</c>.</summary>
    private static string AssetFile(string url) => Path.Combine(AssetsFolder(), url["/graphql/ide/".Length..]);

    private static string AssetsFolder()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "SkillMatrix.sln")))
            {
                return Path.Combine(folder.FullName, "src", "Platform", "Server", "Http", "Ide", "assets");
            }
        }

        throw new InvalidOperationException($"No SkillMatrix.sln above {AppContext.BaseDirectory}.");
    }

    [GeneratedRegex("(?:src|href)=\"([^\"]+)\"")]
    private static partial Regex UrlAttribute();
}
