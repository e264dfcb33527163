using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Platform.Server.Security;

namespace SkillMatrix.Host.Tests.Testing;

/// <summary>A response to a GraphQL request: its status, headers, media type and body (never null: unparsable text is kept).</summary>
internal sealed record GraphQLReply(HttpStatusCode Status, HttpResponseHeaders Headers, string? MediaType, JsonObject Body)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public JsonNode? Data => Body["data"];

    public bool HasErrors => Body.ContainsKey("errors");

    public string? WwwAuthenticate => Headers.WwwAuthenticate.ToString();

    public IReadOnlyList<string?> ErrorCodes =>
        Body["errors"]?.AsArray().Select(e => (string?)e!["extensions"]?["code"]).ToList() ?? [];

    /// <summary>What the cost analysis reported (with <c>GraphQL-Cost: report</c>).</summary>
    public long? Cost => (long?)Body["extensions"]?["cost"]?["requestedQueryCost"];

    public JsonNode? Extensions(int error = 0) => Body["errors"]![error]!["extensions"];

    public GraphQLReply AssertNoErrors()
    {
        Assert.True(Status == HttpStatusCode.OK && Body["errors"] is null, ToString());
        return this;
    }

    public GraphQLReply AssertRefused(HttpStatusCode status, string code)
    {
        Assert.True(Status == status, ToString());
        Assert.True(ErrorCodes.Contains(code), ToString());
        return this;
    }

    /// <summary>Refused as if no token had been sent: 401 with a bearer challenge, AUTH_NOT_AUTHENTICATED and no data.</summary>
    public void AssertRefusedAsAnonymous()
    {
        Assert.True(Status == HttpStatusCode.Unauthorized, ToString());
        Assert.Equal("Bearer", WwwAuthenticate);
        Assert.Equal([AuthorizationErrorCodes.NotAuthenticated], ErrorCodes);
        Assert.Null(Body["data"]);
    }

    /// <summary>
    /// Refused because the token sent was: 401 with RFC 6750's challenge naming the reason, AUTH_NOT_AUTHENTICATED, no data.
    /// </summary>
    public void AssertTokenRefused(string reason)
    {
        Assert.True(Status == HttpStatusCode.Unauthorized, ToString());
        Assert.Equal($"Bearer error=\"invalid_token\", error_description=\"{reason}\"", WwwAuthenticate);
        Assert.Equal([AuthorizationErrorCodes.NotAuthenticated], ErrorCodes);
        Assert.Null(Body["data"]);
    }

    public string Pretty() => Body.ToJsonString(Indented);

    public override string ToString() => $"{(int)Status} {MediaType} (WWW-Authenticate: {WwwAuthenticate}): {Body.ToJsonString()}";
}

/// <summary>GraphQL over HTTP as the tests' clients speak it, to an in-process host or to one in a child process.</summary>
internal static class GraphQLHttp
{
    public const string GraphQLResponseJson = "application/graphql-response+json";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>
    /// A POST to /graphql. With no Accept header the server answers application/json (auth refusals are 200); with
    /// <paramref name="graphqlResponse"/> it is asked for application/graphql-response+json (auth refusals are 401/403).
    /// <paramref name="reportCost"/> asks for the cost analysis in the response's extensions.
    /// </summary>
    public static HttpRequestMessage Request(string query, object? variables = null, string? token = null, bool graphqlResponse = false,
        bool reportCost = false, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = content ?? JsonContent.Create(new { query, variables }) };
        if (graphqlResponse)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(GraphQLResponseJson));
        }

        if (reportCost)
        {
            request.Headers.Add("GraphQL-Cost", "report");
        }

        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return request;
    }

    public static async Task<GraphQLReply> SendGraphQLAsync(this HttpClient client, HttpRequestMessage request, CancellationToken cancellationToken = default)
    {
        using var response = await client.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        JsonObject body;
        try
        {
            body = JsonNode.Parse(text)?.AsObject() ?? [];
        }
        catch (JsonException)
        {
            body = new JsonObject { ["unparsed"] = text };
        }

        return new GraphQLReply(response.StatusCode, response.Headers, response.Content.Headers.ContentType?.MediaType, body);
    }

    /// <summary>POSTs a query asking for application/graphql-response+json, with an optional bearer token.</summary>
    public static async Task<GraphQLReply> QueryAsync(this HttpClient client, string query, string? token = null, object? variables = null)
    {
        using var request = Request(query, variables, token, graphqlResponse: true);
        return await client.SendGraphQLAsync(request);
    }

    /// <summary>As <see cref="QueryAsync"/>, with <c>GraphQL-Cost: report</c>.</summary>
    public static async Task<GraphQLReply> CostedQueryAsync(this HttpClient client, string query, string? token = null, object? variables = null)
    {
        using var request = Request(query, variables, token, graphqlResponse: true, reportCost: true);
        return await client.SendGraphQLAsync(request);
    }

    /// <summary>POSTs a query and returns the parsed response; fails the test on a non-200 status.</summary>
    public static async Task<JsonObject> PostQueryAsync(this HttpClient client, string query, object? variables = null)
    {
        using var response = await client.PostAsJsonAsync("/graphql", new { query, variables });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"HTTP {(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!.AsObject();
    }

    /// <summary>The <c>data</c> of a response that must have no errors.</summary>
    public static async Task<JsonNode> QueryDataAsync(this HttpClient client, string query, object? variables = null)
    {
        var response = await client.PostQueryAsync(query, variables);
        Assert.False(response.ContainsKey("errors"), response.ToJsonString(Indented));
        return response["data"]!;
    }
}
