using System.Net;
using static Platform.Tests.Shared.GraphQLHttp;

namespace Platform.Server.Tests.Http;

/// <summary>Which media type answers which Accept header, and which request Content-Types are accepted.</summary>
public sealed class MediaTypeTests(ToyServerFixture fixture) : IClassFixture<ToyServerFixture>
{
    private HttpClient Client => fixture.Server.Client;

    [Theory]
    [InlineData("application/graphql-response+json", GraphQLResponseJson)]
    [InlineData("application/graphql-response+json; charset=utf-8", GraphQLResponseJson)]
    [InlineData("application/json", Json)]
    [InlineData("application/json; charset=utf-8", Json)]
    [InlineData("application/graphql-response+json, application/json", GraphQLResponseJson)]
    [InlineData("application/json, application/graphql-response+json", Json)]
    [InlineData("application/json;q=0.5, application/graphql-response+json", GraphQLResponseJson)]
    [InlineData("application/graphql-response+json;q=0.4, application/json;q=0.9", Json)]
    [InlineData("application/graphql-response+json, */*", GraphQLResponseJson)]
    [InlineData("*/*;q=0.8, application/graphql-response+json", GraphQLResponseJson)]
    [InlineData("application/graphql-response+json;q=0, */*", Json)]
    [InlineData("application/graphql-response+json; charset=iso-8859-1, application/json", Json)]
    // Wildcards and no Accept header at all: application/json, as the graphql-http audit expects (47DE, 80D8).
    [InlineData("*/*", Json)]
    [InlineData("application/*", Json)]
    [InlineData(null, Json)]
    public async Task Accept_header_chooses_the_response_media_type(string? accept, string expected)
    {
        var reply = await Client.ExchangeAsync(PostQuery("{ hello }", accept: accept));

        reply.AssertIs(HttpStatusCode.OK, expected);
        Assert.Equal("Hello, world!", reply.Json.GetProperty("data").GetProperty("hello").GetString());
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml, text/html;q=0.9")]
    [InlineData("application/json; charset=utf-16")]
    [InlineData("application/graphql-response+json;q=0, application/json;q=0")]
    public async Task Accept_header_allowing_neither_media_type_is_406(string accept)
    {
        var reply = await Client.ExchangeAsync(PostQuery("{ hello }", accept: accept));

        reply.AssertIs(HttpStatusCode.NotAcceptable, Json).AssertRequestError("NOT_ACCEPTABLE");
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("application/json; charset=UTF-8")]
    [InlineData("application/json; charset=\"utf-8\"")]
    [InlineData("Application/JSON")]
    public async Task Json_request_bodies_in_utf8_are_accepted(string contentType)
    {
        var reply = await Client.ExchangeAsync(Post("""{"query":"{ hello(name: \"Zoë 🏊\") }"}""", contentType: contentType));

        reply.AssertIs(HttpStatusCode.OK);
        Assert.Equal("Hello, Zoë 🏊!", reply.Json.GetProperty("data").GetProperty("hello").GetString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("text/plain")]
    [InlineData("text/plain; charset=utf-8")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data; boundary=x")]
    [InlineData("application/graphql")]
    [InlineData("application/json; charset=iso-8859-1")]
    [InlineData("application/json; charset=utf-16")]
    public async Task Other_request_media_types_and_charsets_are_415(string? contentType)
    {
        var reply = await Client.ExchangeAsync(Post("""{"query":"{ hello }"}""", contentType: contentType));

        reply.AssertIs(HttpStatusCode.UnsupportedMediaType).AssertRequestError("UNSUPPORTED_MEDIA_TYPE");
    }

    [Fact]
    public async Task Responses_vary_on_accept()
    {
        var reply = await Client.ExchangeAsync(PostQuery("{ hello }"));

        Assert.Contains("Accept", reply.Headers.Vary);
    }
}
