using System.Net;
using static Platform.Tests.Shared.GraphQLHttp;

namespace Platform.Server.Tests.Http;

/// <summary>GET ?sdl gives the schema text; a browser's GET without a query gives the GraphiQL page.</summary>
public sealed class SdlAndIdeTests(ToyServerFixture fixture) : IClassFixture<ToyServerFixture>
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
    public async Task Browser_without_a_query_gets_graphiql_pointing_at_the_endpoint()
    {
        var reply = await Client.ExchangeAsync(Get("", BrowserAccept));

        Assert.True(reply.Status == HttpStatusCode.OK, reply.ToString());
        Assert.Equal("text/html", reply.MediaType);
        Assert.Contains("graphiql@3.9.0/graphiql.min.js", reply.Body, StringComparison.Ordinal);
        Assert.Contains("react@18.3.1/umd/react.production.min.js", reply.Body, StringComparison.Ordinal);
        Assert.Contains("integrity=\"sha384-", reply.Body, StringComparison.Ordinal);
        Assert.Contains("createFetcher({ url: \"/graphql\" })", reply.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_ide_page_is_titled_GraphQL_unless_the_host_names_it()
    {
        var plain = await Client.ExchangeAsync(Get("", BrowserAccept));
        await using var named = await ToyServer.Create().WithHttp(o => o.IdeTitle = "Toys & Co GraphQL").StartAsync();
        var titled = await named.Client.ExchangeAsync(Get("", BrowserAccept));

        Assert.Contains("<title>GraphQL</title>", plain.Body, StringComparison.Ordinal);
        Assert.Contains("<title>Toys &amp; Co GraphQL</title>", titled.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Browser_with_a_query_gets_the_result_as_json()
    {
        var reply = await Client.ExchangeAsync(Get("query=" + Encode("{ hello }"), BrowserAccept));

        reply.AssertIs(HttpStatusCode.OK, Json);
    }

    [Fact]
    public async Task Ide_and_sdl_can_be_switched_off()
    {
        await using var server = await ToyServer.Create().WithHttp(o => (o.EnableIde, o.EnableSdl) = (false, false)).StartAsync();

        var ide = await server.Client.ExchangeAsync(Get("", BrowserAccept));
        var sdl = await server.Client.ExchangeAsync(Get("sdl", Json));

        ide.AssertIs(HttpStatusCode.BadRequest, Json).AssertRequestError("INVALID_REQUEST");
        sdl.AssertIs(HttpStatusCode.BadRequest, Json).AssertRequestError("INVALID_REQUEST");
    }
}
