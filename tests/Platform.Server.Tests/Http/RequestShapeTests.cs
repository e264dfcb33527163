using System.Net;
using static Platform.Tests.Shared.GraphQLHttp;

namespace Platform.Server.Tests.Http;

/// <summary>A request that is not a well-formed GraphQL-over-HTTP request is 400, whatever the media type.</summary>
public sealed class RequestShapeTests(ToyServerFixture fixture) : IClassFixture<ToyServerFixture>
{
    private HttpClient Client => fixture.Server.Client;

    [Theory]
    // JSON parse failure
    [InlineData("""{ "not a JSON""", "INVALID_JSON")]
    [InlineData("NONSENSE", "INVALID_JSON")]
    [InlineData("""{"query": "{ hello }",}""", "INVALID_JSON")]
    // body missing or not an object
    [InlineData("", "INVALID_REQUEST")]
    [InlineData("\"{ hello }\"", "INVALID_REQUEST")]
    [InlineData("null", "INVALID_REQUEST")]
    // query missing or not a string
    [InlineData("""{}""", "INVALID_REQUEST")]
    [InlineData("""{"qeury": "{ hello }"}""", "INVALID_REQUEST")]
    [InlineData("""{"query": null}""", "INVALID_REQUEST")]
    [InlineData("""{"query": {"obj": "ect"}}""", "INVALID_REQUEST")]
    [InlineData("""{"query": 0}""", "INVALID_REQUEST")]
    [InlineData("""{"query": false}""", "INVALID_REQUEST")]
    [InlineData("""{"query": ["array"]}""", "INVALID_REQUEST")]
    // operationName not a string
    [InlineData("""{"query": "{ hello }", "operationName": {"obj": "ect"}}""", "INVALID_REQUEST")]
    [InlineData("""{"query": "{ hello }", "operationName": 0}""", "INVALID_REQUEST")]
    [InlineData("""{"query": "{ hello }", "operationName": false}""", "INVALID_REQUEST")]
    [InlineData("""{"query": "{ hello }", "operationName": ["array"]}""", "INVALID_REQUEST")]
    // variables not a map
    [InlineData("""{"query": "{ hello }", "variables": "string"}""", "INVALID_REQUEST")]
    [InlineData("""{"query": "{ hello }", "variables": "{\"name\":\"x\"}"}""", "INVALID_REQUEST")]
    [InlineData("""{"query": "{ hello }", "variables": 0}""", "INVALID_REQUEST")]
    [InlineData("""{"query": "{ hello }", "variables": false}""", "INVALID_REQUEST")]
    [InlineData("""{"query": "{ hello }", "variables": ["array"]}""", "INVALID_REQUEST")]
    // extensions not a map
    [InlineData("""{"query": "{ hello }", "extensions": "string"}""", "INVALID_REQUEST")]
    [InlineData("""{"query": "{ hello }", "extensions": 0}""", "INVALID_REQUEST")]
    [InlineData("""{"query": "{ hello }", "extensions": false}""", "INVALID_REQUEST")]
    [InlineData("""{"query": "{ hello }", "extensions": ["array"]}""", "INVALID_REQUEST")]
    // batching is off
    [InlineData("""[{"query": "{ hello }"}, {"query": "{ hello }"}]""", "BATCHING_NOT_SUPPORTED")]
    [InlineData("""[]""", "BATCHING_NOT_SUPPORTED")]
    public async Task Malformed_requests_are_400_for_both_media_types(string body, string code)
    {
        foreach (var accept in new[] { GraphQLResponseJson, Json, null })
        {
            var reply = await Client.ExchangeAsync(Post(body, accept));

            reply.AssertIs(HttpStatusCode.BadRequest, accept ?? Json).AssertRequestError(code);
        }
    }

    [Fact]
    public async Task Batching_is_refused_with_a_clear_error()
    {
        var reply = await Client.ExchangeAsync(Post("""[{"query": "{ hello }"}]"""));

        Assert.Contains("batching is not supported", Assert.Single(reply.ErrorMessages), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("""{"query": "{ hello }", "variables": null, "operationName": null, "extensions": null}""")]
    [InlineData("""{"query": "{ hello }", "operationName": ""}""")]
    [InlineData("""{"query": "{ hello }", "extensions": {"some": "value", "nested": {"a": [1, 2.5, true, null]}}}""")]
    [InlineData("""{"query": "{ hello }", "futureParameter": 42}""")]
    public async Task Null_or_absent_optional_parameters_and_maps_are_accepted(string body)
    {
        foreach (var accept in new[] { GraphQLResponseJson, Json })
        {
            var reply = await Client.ExchangeAsync(Post(body, accept));

            reply.AssertIs(HttpStatusCode.OK, accept);
            Assert.False(reply.Json.TryGetProperty("errors", out _), reply.ToString());
        }
    }

    [Fact]
    public async Task Variables_map_reaches_the_operation()
    {
        var reply = await Client.ExchangeAsync(Post("""{"query": "query Q($n: String) { hello(name: $n) }", "variables": {"n": "Ada"}}"""));

        reply.AssertIs(HttpStatusCode.OK);
        Assert.Equal("Hello, Ada!", reply.Json.GetProperty("data").GetProperty("hello").GetString());
    }
}
