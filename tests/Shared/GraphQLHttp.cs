using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Platform.Tests.Shared;

/// <summary>Builds requests to the endpoint and reads its replies.</summary>
internal static class GraphQLHttp
{
    public const string GraphQLResponseJson = "application/graphql-response+json";
    public const string Json = "application/json";

    public static HttpRequestMessage Post(string body, string? accept = GraphQLResponseJson, string? contentType = Json)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        if (contentType is not null)
        {
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = content };
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        return request;
    }

    public static HttpRequestMessage PostQuery(string query, object? variables = null, string? accept = GraphQLResponseJson, string? operationName = null) =>
        Post(JsonSerializer.Serialize(new { query, variables, operationName }), accept);

    /// <param name="parameters">Already URL-encoded query string, without the leading '?'.</param>
    public static HttpRequestMessage Get(string parameters, string? accept = GraphQLResponseJson)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, parameters.Length == 0 ? "/graphql" : "/graphql?" + parameters);
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        return request;
    }

    public static string Encode(string value) => Uri.EscapeDataString(value);

    public static async Task<Reply> ExchangeAsync(this HttpClient client, HttpRequestMessage request)
    {
        using (request)
        using (var response = await client.SendAsync(request))
        {
            var body = await response.Content.ReadAsStringAsync();
            return new Reply(response.StatusCode, response.Content.Headers.ContentType, response.Headers, response.Content.Headers, body);
        }
    }
}

internal sealed record Reply(
    HttpStatusCode Status,
    MediaTypeHeaderValue? ContentType,
    HttpResponseHeaders Headers,
    HttpContentHeaders ContentHeaders,
    string Body)
{
    public string? MediaType => ContentType?.MediaType;

    public JsonElement Json
    {
        get
        {
            using var document = JsonDocument.Parse(Body);
            return document.RootElement.Clone();
        }
    }

    public bool HasData => Json.TryGetProperty("data", out _);

    public IReadOnlyList<string?> ErrorCodes =>
        Json.TryGetProperty("errors", out var errors)
            ? errors.EnumerateArray().Select(e => e.TryGetProperty("extensions", out var x) && x.TryGetProperty("code", out var c) ? c.GetString() : null).ToList()
            : [];

    public IReadOnlyList<string?> ErrorMessages =>
        Json.TryGetProperty("errors", out var errors) ? errors.EnumerateArray().Select(e => e.GetProperty("message").GetString()).ToList() : [];

    /// <summary>The assertion message: the whole reply, so a failing test shows what the server said.</summary>
    public override string ToString() => $"{(int)Status} {ContentType}: {Body}";
}

internal static class ReplyAssertions
{
    /// <summary>Asserts status and media type (UTF-8 declared), printing the whole reply when they differ.</summary>
    public static Reply AssertIs(this Reply reply, HttpStatusCode status, string mediaType = GraphQLHttp.GraphQLResponseJson)
    {
        Assert.True(reply.Status == status, $"Expected {(int)status}, got {reply}");
        Assert.True(reply.MediaType == mediaType, $"Expected {mediaType}, got {reply}");
        Assert.True(string.Equals(reply.ContentType?.CharSet, "utf-8", StringComparison.OrdinalIgnoreCase), $"Expected charset=utf-8, got {reply}");
        return reply;
    }

    /// <summary>A GraphQL request error: errors with codes, no data entry.</summary>
    public static Reply AssertRequestError(this Reply reply, string code)
    {
        Assert.False(reply.HasData, $"Expected no data entry, got {reply}");
        Assert.True(reply.ErrorCodes.Contains(code), $"Expected error code {code}, got {reply}");
        return reply;
    }
}
