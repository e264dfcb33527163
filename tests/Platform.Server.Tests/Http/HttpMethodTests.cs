using System.Net;
using static Platform.Tests.Shared.GraphQLHttp;

namespace Platform.Server.Tests.Http;

/// <summary>GET runs queries only (parameters in the query string); methods other than GET and POST are 405.</summary>
public sealed class HttpMethodTests(ToyServerFixture fixture) : IClassFixture<ToyServerFixture>
{
    private HttpClient Client => fixture.Server.Client;

    [Theory]
    [InlineData(GraphQLResponseJson)]
    [InlineData(Json)]
    public async Task Get_runs_a_query(string accept)
    {
        var reply = await Client.ExchangeAsync(Get("query=" + Encode("{ hello }"), accept));

        reply.AssertIs(HttpStatusCode.OK, accept);
        Assert.Equal("Hello, world!", reply.Json.GetProperty("data").GetProperty("hello").GetString());
    }

    [Fact]
    public async Task Get_takes_variables_operation_name_and_extensions_as_json_text()
    {
        var parameters = "query=" + Encode("query A { a: hello } query B($n: String) { b: hello(name: $n) }")
            + "&operationName=B&variables=" + Encode("""{"n":"Grace"}""") + "&extensions=" + Encode("""{"some":"value"}""");

        var reply = await Client.ExchangeAsync(Get(parameters));

        reply.AssertIs(HttpStatusCode.OK);
        Assert.Equal("Hello, Grace!", reply.Json.GetProperty("data").GetProperty("b").GetString());
    }

    [Theory]
    [InlineData("variables", "[1]", "INVALID_REQUEST")]
    [InlineData("variables", "\"x\"", "INVALID_REQUEST")]
    [InlineData("variables", "{not json", "INVALID_JSON")]
    [InlineData("extensions", "7", "INVALID_REQUEST")]
    public async Task Get_with_a_malformed_map_parameter_is_400(string name, string value, string code)
    {
        var reply = await Client.ExchangeAsync(Get("query=" + Encode("{ hello }") + $"&{name}=" + Encode(value)));

        reply.AssertIs(HttpStatusCode.BadRequest).AssertRequestError(code);
    }

    [Theory]
    [InlineData("")]
    [InlineData("operationName=X")]
    [InlineData("query=" + "%7Bhello%7D&query=" + "%7Bhello%7D")]
    public async Task Get_without_exactly_one_query_is_400(string parameters)
    {
        var reply = await Client.ExchangeAsync(Get(parameters, Json));

        reply.AssertIs(HttpStatusCode.BadRequest, Json).AssertRequestError("INVALID_REQUEST");
    }

    [Theory]
    [InlineData("mutation { echo(text: \"x\") }", null)]
    [InlineData("query Q { hello } mutation M { echo(text: \"x\") }", "M")]
    public async Task Get_mutation_is_405_with_allow_post_and_does_not_run(string query, string? operationName)
    {
        foreach (var accept in new[] { GraphQLResponseJson, Json })
        {
            var parameters = "query=" + Encode(query) + (operationName is null ? "" : "&operationName=" + operationName);

            var reply = await Client.ExchangeAsync(Get(parameters, accept));

            reply.AssertIs(HttpStatusCode.MethodNotAllowed, accept).AssertRequestError("METHOD_NOT_ALLOWED");
            Assert.Equal(["POST"], reply.ContentHeaders.Allow);
        }
    }

    [Fact]
    public async Task Get_may_pick_the_query_of_a_document_that_also_holds_a_mutation()
    {
        var reply = await Client.ExchangeAsync(Get("query=" + Encode("query Q { hello } mutation M { echo(text: \"x\") }") + "&operationName=Q"));

        reply.AssertIs(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("PATCH")]
    public async Task Other_methods_are_405_with_allow_get_post(string method)
    {
        var request = Post("""{"query":"{ hello }"}""");
        request.Method = new HttpMethod(method);

        var reply = await Client.ExchangeAsync(request);

        reply.AssertIs(HttpStatusCode.MethodNotAllowed).AssertRequestError("METHOD_NOT_ALLOWED");
        Assert.Equal(["GET", "POST"], reply.ContentHeaders.Allow);
    }
}
