using System.Net;
using static Platform.Tests.Shared.GraphQLHttp;

namespace Platform.Server.Tests.Http;

/// <summary>
/// The spec's status codes: with application/graphql-response+json a request error is 400 without a data entry;
/// with application/json everything that reaches GraphQL is 200; a result with data is 200 either way.
/// </summary>
public sealed class StatusCodeTests(ToyServerFixture fixture) : IClassFixture<ToyServerFixture>
{
    private HttpClient Client => fixture.Server.Client;

    public static TheoryData<string, string, object?, string?> RequestErrors => new()
    {
        // document parse failure
        { "{", "SYNTAX_ERROR", null, null },
        // validation failure
        { "{ noSuchField }", "FIELDS_ON_CORRECT_TYPE", null, null },
        // variable coercion failure
        { "query Q($id: ID!) { item(id: $id) }", "INVALID_VALUE", new { id = (string?)null }, null },
        { "query Q($name: String) { hello(name: $name) }", "INVALID_VALUE", new { name = new[] { 1, 2 } }, null },
        // operation not found
        { "query A { hello }", "INVALID_OPERATION_NAME", null, "B" },
        { "query A { hello } query B { hello }", "NO_OPERATION_NAME", null, null },
        // an empty document
        { "", "NO_OPERATION", null, null },
    };

    [Theory]
    [MemberData(nameof(RequestErrors))]
    public async Task Request_errors_are_400_with_graphql_response_json(string query, string code, object? variables, string? operationName)
    {
        var reply = await Client.ExchangeAsync(PostQuery(query, variables, GraphQLResponseJson, operationName));

        reply.AssertIs(HttpStatusCode.BadRequest).AssertRequestError(code);
    }

    [Theory]
    [MemberData(nameof(RequestErrors))]
    public async Task Request_errors_are_200_with_json(string query, string code, object? variables, string? operationName)
    {
        var reply = await Client.ExchangeAsync(PostQuery(query, variables, Json, operationName));

        reply.AssertIs(HttpStatusCode.OK, Json).AssertRequestError(code);
    }

    [Theory]
    [InlineData(GraphQLResponseJson)]
    [InlineData(Json)]
    public async Task Success_is_200(string accept)
    {
        var reply = await Client.ExchangeAsync(PostQuery("query Q($id: ID!) { item(id: $id) }", new { id = 7 }, accept));

        reply.AssertIs(HttpStatusCode.OK, accept);
        Assert.Equal("item 7", reply.Json.GetProperty("data").GetProperty("item").GetString());
        Assert.False(reply.Json.TryGetProperty("errors", out _), reply.ToString());
    }

    [Theory]
    [InlineData(GraphQLResponseJson)]
    [InlineData(Json)]
    public async Task Field_errors_with_data_are_200(string accept)
    {
        var reply = await Client.ExchangeAsync(PostQuery("{ hello fail }", accept: accept));

        reply.AssertIs(HttpStatusCode.OK, accept);
        var data = reply.Json.GetProperty("data");
        Assert.Equal("Hello, world!", data.GetProperty("hello").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, data.GetProperty("fail").ValueKind);
        Assert.Single(reply.ErrorCodes);
        Assert.NotNull(reply.ErrorCodes[0]);
    }

    [Fact]
    public async Task Operation_name_selects_the_operation()
    {
        var reply = await Client.ExchangeAsync(PostQuery("query A { a: hello } query B { b: hello(name: \"B\") }", operationName: "B"));

        reply.AssertIs(HttpStatusCode.OK);
        Assert.Equal("Hello, B!", reply.Json.GetProperty("data").GetProperty("b").GetString());
    }

    [Fact]
    public async Task Mutations_run_over_post()
    {
        var reply = await Client.ExchangeAsync(PostQuery("mutation M($t: String!) { echo(text: $t) }", new { t = "hi" }));

        reply.AssertIs(HttpStatusCode.OK);
        Assert.Equal("hi", reply.Json.GetProperty("data").GetProperty("echo").GetString());
    }

    [Fact]
    public async Task Every_error_carries_a_code_and_a_message()
    {
        var reply = await Client.ExchangeAsync(PostQuery("{ noSuchField alsoMissing }"));

        Assert.Equal(2, reply.ErrorCodes.Count);
        Assert.All(reply.ErrorCodes, code => Assert.False(string.IsNullOrEmpty(code), reply.ToString()));
        Assert.All(reply.ErrorMessages, message => Assert.False(string.IsNullOrEmpty(message), reply.ToString()));
    }
}
