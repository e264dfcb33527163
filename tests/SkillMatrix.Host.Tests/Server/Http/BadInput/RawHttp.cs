using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace SkillMatrix.Host.Tests.Server.Http.BadInput;

/// <summary>One raw answer of /graphql: the status, the content type and the body exactly as sent, parsed when it is JSON.</summary>
internal sealed record RawReply(HttpStatusCode Status, string? ContentType, string Text, HttpResponseHeaders Headers)
{
    public JsonObject? Json { get; } = TryParse(Text);

    public string? FirstCode => (string?)Json?["errors"]?[0]?["extensions"]?["code"];

    public IReadOnlyList<string?> Codes =>
        Json?["errors"] is JsonArray errors ? errors.Select(e => (string?)e?["extensions"]?["code"]).ToList() : [];

    /// <summary>
    /// The request was refused the way a client can handle: a 4xx, or a 200 that carries errors (application/json, or
    /// a field error); never a 5xx. The body is a GraphQL error response whose first error has a code (one of
    /// <paramref name="codes"/> when given), and it names no exception type and shows no stack trace.
    /// </summary>
    public RawReply AssertCleanRefusal(params string[] codes)
    {
        var status = (int)Status;
        Assert.True(status is >= 400 and < 500 || (status == 200 && Json?["errors"] is JsonArray { Count: > 0 }), $"expected a 4xx or a 200 with errors: {this}");
        Assert.True(Json is not null, $"the body is not a JSON object: {this}");
        Assert.True(Json!["errors"] is JsonArray { Count: > 0 }, $"no errors: {this}");
        Assert.False(string.IsNullOrEmpty(FirstCode), $"errors[0].extensions.code is not set: {this}");
        // INTERNAL is an exception nobody handled: the server's fault, not a clear answer to bad input.
        Assert.False(Codes.Contains("INTERNAL"), $"an unexpected exception, not a clear error: {this}");
        if (codes.Length > 0)
        {
            Assert.True(codes.Contains(FirstCode), $"expected {string.Join(" or ", codes)}: {this}");
        }

        return AssertNoLeak();
    }

    /// <summary>
    /// Bad input that may still be a fine request (a 100k-character slug finds no role): either data without an
    /// unexpected exception, or a clean refusal.
    /// </summary>
    public RawReply AssertHandled()
    {
        if (Json?["errors"] is null)
        {
            Assert.True(Status == HttpStatusCode.OK && Json?["data"] is JsonObject, $"expected data or a clean refusal: {this}");
            return AssertNoLeak();
        }

        return AssertCleanRefusal();
    }

    public RawReply AssertStatus(HttpStatusCode expected)
    {
        Assert.True(Status == expected, $"expected {(int)expected}: {this}");
        return this;
    }

    /// <summary>Nothing of the server's insides: no stack frame, no exception type name, no source path.</summary>
    public RawReply AssertNoLeak()
    {
        Assert.True((int)Status < 500, $"a 5xx: {this}");
        RawHttp.AssertNoLeak(Text);
        return this;
    }

    public override string ToString() => $"{(int)Status} {ContentType}: {(Text.Length > 2000 ? Text[..2000] + "..." : Text)}";

    private static JsonObject? TryParse(string text)
    {
        try
        {
            return JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>Raw requests to /graphql, with the body, content type and Accept header each test chooses.</summary>
internal static partial class RawHttp
{
    public const string GraphQLResponseJson = "application/graphql-response+json";
    public const string Json = "application/json";

    /// <summary>Exception type names GraphQL.NET would turn into codes (InvalidOperationException: INVALID_OPERATION).</summary>
    private static readonly string[] ExceptionCodes =
        ["INVALID_OPERATION", "NULL_REFERENCE", "ARGUMENT_OUT_OF_RANGE", "ARGUMENT_NULL", "INDEX_OUT_OF_RANGE", "KEY_NOT_FOUND", "INVALID_CAST", "OVERFLOW", "FORMAT", "SQLITE", "DB_UPDATE", "JSON", "DECODER_FALLBACK"];

    public static Task<RawReply> PostRawAsync(this HttpClient client, string body, string contentType = Json, string accept = GraphQLResponseJson) =>
        client.PostRawAsync(new StringContent(body, new UTF8Encoding(false), MediaTypeHeaderValue.Parse(contentType)), accept);

    public static Task<RawReply> PostBytesAsync(this HttpClient client, byte[] body, string? contentType = Json, string accept = GraphQLResponseJson)
    {
        var content = new ByteArrayContent(body);
        if (contentType is not null)
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        return client.PostRawAsync(content, accept);
    }

    /// <summary>POSTs {"query": ..., "variables": ...} serialized by System.Text.Json.</summary>
    public static Task<RawReply> PostQueryAsync(this HttpClient client, string query, object? variables = null, string? operationName = null, string accept = GraphQLResponseJson) =>
        client.PostRawAsync(JsonSerializer.Serialize(new { query, variables, operationName }), Json, accept);

    public static async Task<RawReply> PostRawAsync(this HttpClient client, HttpContent content, string accept = GraphQLResponseJson)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = content };
        request.Headers.TryAddWithoutValidation("Accept", accept);
        return await client.SendRawAsync(request);
    }

    public static async Task<RawReply> GetRawAsync(this HttpClient client, string pathAndQuery, string accept = GraphQLResponseJson)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, pathAndQuery);
        request.Headers.TryAddWithoutValidation("Accept", accept);
        return await client.SendRawAsync(request);
    }

    public static async Task<RawReply> SendRawAsync(this HttpClient client, HttpRequestMessage request)
    {
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new RawReply(response.StatusCode, response.Content.Headers.ContentType?.MediaType, text, response.Headers);
    }

    public static void AssertNoLeak(string text)
    {
        Assert.False(StackFrame().IsMatch(text), $"a stack frame in the body: {Cut(text)}");
        Assert.False(ExceptionName().IsMatch(text), $"an exception type name in the body: {Cut(text)}");
        Assert.DoesNotContain("stacktrace", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(".cs:line", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\"exception\"", text, StringComparison.OrdinalIgnoreCase);
        foreach (var code in ExceptionCodes)
        {
            Assert.DoesNotContain($"\"code\":\"{code}\"", text, StringComparison.Ordinal);
        }
    }

    private static string Cut(string text) => text.Length > 2000 ? text[..2000] + "..." : text;

    /// <summary>"   at Namespace.Type.Method(" as .NET prints a frame.</summary>
    [GeneratedRegex(@"\bat [A-Za-z_][\w.`<>]*\.[\w<>`]+\(")]
    private static partial Regex StackFrame();

    /// <summary>A .NET exception type name (InvalidOperationException, SqliteException, ...).</summary>
    [GeneratedRegex(@"\b[A-Z]\w*Exception\b")]
    private static partial Regex ExceptionName();
}
