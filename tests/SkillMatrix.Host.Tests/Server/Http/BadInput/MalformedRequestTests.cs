using System.Net;
using System.Text;

namespace SkillMatrix.Host.Tests.Server.Http.BadInput;

/// <summary>
/// Bodies and requests that are not a well-formed GraphQL-over-HTTP request at all: malformed JSON, parameters of the
/// wrong JSON type, null bytes and invalid UTF-8, bodies far past the limit, and the media types of a CSRF. Each is
/// refused with a 4xx and a coded error, never a 5xx, and the body names nothing of the server's insides.
/// </summary>
public sealed class MalformedRequestTests(SeededHost fixture) : IClassFixture<SeededHost>
{
    private TestHost Host => fixture.Host;

    public static readonly TheoryData<string, string> MalformedJson = new()
    {
        { "an unclosed object", "{" },
        { "an unclosed string", "{\"query\": \"{ levels { key } }" },
        { "single quotes", "{'query': '{ levels { key } }'}" },
        { "a trailing comma", "{\"query\": \"{ levels { key } }\",}" },
        { "a comment", "{\"query\": \"{ levels { key } }\" /* hi */}" },
        { "garbage after the object", "{\"query\": \"{ levels { key } }\"} trailing" },
        { "two objects", "{\"query\": \"{ levels { key } }\"}{\"query\": \"{ levels { key } }\"}" },
        { "an unquoted key", "{query: \"{ levels { key } }\"}" },
        { "a raw control character in a string", "{\"query\": \"{ levels\n{ key } }\"}" },
        { "a bad escape", "{\"query\": \"{ levels { key } }\\x\"}" },
        { "NaN", "{\"query\": \"{ __typename }\", \"variables\": {\"n\": NaN}}" },
        { "a byte-order mark and nothing else", "\uFEFF" },
        { "plain GraphQL instead of JSON", "{ levels { key } }" },
    };

    [Theory]
    [MemberData(nameof(MalformedJson))]
    public async Task Malformed_JSON_is_400_INVALID_JSON(string what, string body)
    {
        var reply = await Host.Anonymous().PostRawAsync(body);

        Assert.True(reply.Status == HttpStatusCode.BadRequest, $"{what}: {reply}");
        reply.AssertCleanRefusal("INVALID_JSON");
    }

    public static readonly TheoryData<string, string> WrongTypes = new()
    {
        { "query a number", "{\"query\": 42}" },
        { "query an array", "{\"query\": [\"{ levels { key } }\"]}" },
        { "query an object", "{\"query\": {\"levels\": \"key\"}}" },
        { "query true", "{\"query\": true}" },
        { "query null", "{\"query\": null}" },
        { "query missing", "{\"variables\": {}}" },
        { "an empty object", "{}" },
        { "operationName a number", "{\"query\": \"{ __typename }\", \"operationName\": 1}" },
        { "operationName an array", "{\"query\": \"{ __typename }\", \"operationName\": [\"A\"]}" },
        { "operationName an object", "{\"query\": \"{ __typename }\", \"operationName\": {}}" },
        { "operationName false", "{\"query\": \"{ __typename }\", \"operationName\": false}" },
        { "variables a JSON string", "{\"query\": \"{ __typename }\", \"variables\": \"{}\"}" },
        { "variables a number", "{\"query\": \"{ __typename }\", \"variables\": 0}" },
        { "variables an array", "{\"query\": \"{ __typename }\", \"variables\": [1, 2]}" },
        { "variables true", "{\"query\": \"{ __typename }\", \"variables\": true}" },
        { "extensions a string", "{\"query\": \"{ __typename }\", \"extensions\": \"x\"}" },
        { "extensions an array", "{\"query\": \"{ __typename }\", \"extensions\": []}" },
        { "the body a string", "\"{ levels { key } }\"" },
        { "the body a number", "12" },
        { "the body null", "null" },
        { "the body false", "false" },
    };

    [Theory]
    [MemberData(nameof(WrongTypes))]
    public async Task Parameters_of_the_wrong_JSON_type_are_400_INVALID_REQUEST(string what, string body)
    {
        var reply = await Host.Anonymous().PostRawAsync(body);

        Assert.True(reply.Status == HttpStatusCode.BadRequest, $"{what}: {reply}");
        reply.AssertCleanRefusal("INVALID_REQUEST");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task An_empty_body_is_400(string body)
    {
        var reply = await Host.Anonymous().PostRawAsync(body);

        reply.AssertStatus(HttpStatusCode.BadRequest).AssertCleanRefusal("INVALID_REQUEST", "INVALID_JSON");
    }

    [Fact]
    public async Task A_JSON_array_is_400_BATCHING_NOT_SUPPORTED()
    {
        var reply = await Host.Anonymous().PostRawAsync("[{\"query\": \"{ __typename }\"}, {\"query\": \"{ levels { key } }\"}]");

        reply.AssertStatus(HttpStatusCode.BadRequest).AssertCleanRefusal("BATCHING_NOT_SUPPORTED");
    }

    [Fact]
    public async Task An_escaped_null_byte_in_the_query_is_a_syntax_error()
    {
        var reply = await Host.Anonymous().PostRawAsync("{\"query\": \"{ levels { key } }\\u0000\"}");

        reply.AssertStatus(HttpStatusCode.BadRequest).AssertCleanRefusal("SYNTAX_ERROR");
    }

    [Fact]
    public async Task A_raw_null_byte_in_the_body_is_invalid_JSON()
    {
        var reply = await Host.Anonymous().PostBytesAsync(Encoding.UTF8.GetBytes("{\"query\": \"{ levels { key } }\0\"}"));

        reply.AssertStatus(HttpStatusCode.BadRequest).AssertCleanRefusal("INVALID_JSON");
    }

    [Fact]
    public async Task A_null_byte_in_a_variable_or_the_operation_name_is_handled()
    {
        var client = Host.Anonymous();

        // A slug with a NUL finds no role: a fine answer.
        (await client.PostQueryAsync("query($s: String!) { role(slug: $s) { name } }", new { s = "backend\0developer" })).AssertHandled();
        (await client.PostQueryAsync("query A { __typename }", operationName: "A\0")).AssertCleanRefusal("INVALID_OPERATION_NAME");
    }

    /// <summary>Bodies whose text is not valid Unicode: raw bytes that are not UTF-8, or escapes of lone surrogates.</summary>
    public static readonly TheoryData<string, byte[]> InvalidUnicode = new()
    {
        { "0xFF 0xFE in the query", Bytes("{\"query\": \"{ levels { key } }", [0xFF, 0xFE], "\"}") },
        { "an overlong encoding in the query", Bytes("{\"query\": \"{ levels { key } }", [0xC0, 0xAF], "\"}") },
        { "a truncated sequence in the operation name", Bytes("{\"query\": \"query A { __typename }\", \"operationName\": \"A", [0xC3, 0x28], "\"}") },
        { "an escaped lone high surrogate in the query", Encoding.ASCII.GetBytes("{\"query\": \"{ levels { key } }\\ud800\"}") },
        { "an escaped lone low surrogate in the operation name", Encoding.ASCII.GetBytes("{\"query\": \"query A { __typename }\", \"operationName\": \"\\udc00\"}") },
        { "0xFF in a variable", Bytes("{\"query\": \"query($s: String!) { role(slug: $s) { name } }\", \"variables\": {\"s\": \"", [0xFF], "\"}}") },
        { "an escaped lone surrogate in a variable", Encoding.ASCII.GetBytes("{\"query\": \"query($s: String!) { role(slug: $s) { name } }\", \"variables\": {\"s\": \"\\ud800\"}}") },
        { "0xFF outside any string", Bytes("{\"query\": \"{ __typename }\"", [0xFF], "}") },
    };

    /// <summary>
    /// Fails today for the query and the operation name (500 INTERNAL): GraphQLRequestReader calls
    /// <c>JsonElement.GetString()</c>, which throws InvalidOperationException on text that is not valid UTF-8/UTF-16,
    /// and nothing catches it before the endpoint's catch-all. Variables are read inside a try and answer 400.
    /// </summary>
    [Theory]
    [MemberData(nameof(InvalidUnicode))]
    public async Task Invalid_UTF8_and_lone_surrogates_are_400_not_500(string what, byte[] body)
    {
        var reply = await Host.Anonymous().PostBytesAsync(body);

        Assert.True(reply.Status == HttpStatusCode.BadRequest, $"{what}: {reply}");
        reply.AssertCleanRefusal("INVALID_JSON", "INVALID_REQUEST");
    }

    [Theory]
    [InlineData("%FF%FE")]
    [InlineData("%ED%A0%80")]
    [InlineData("%C0%AF")]
    [InlineData("%00")]
    public async Task Invalid_UTF8_in_a_GET_query_string_is_handled(string bytes)
    {
        var reply = await Host.Anonymous().GetRawAsync($"/graphql?query=%7B%20levels%20%7B%20key%20%7D%20%7D{bytes}");

        reply.AssertCleanRefusal("SYNTAX_ERROR");
    }

    [Fact]
    public async Task A_10_MB_body_with_a_content_length_is_413()
    {
        var reply = await Host.Anonymous().PostBytesAsync(new byte[10 * 1024 * 1024]);

        reply.AssertStatus(HttpStatusCode.RequestEntityTooLarge).AssertCleanRefusal("REQUEST_TOO_LARGE");
    }

    [Fact]
    public async Task A_10_MB_query_streamed_without_a_content_length_is_413()
    {
        var body = Encoding.UTF8.GetBytes("{\"query\": \"{ " + new string('a', 10 * 1024 * 1024) + " }\"}");
        using var content = new UnknownLengthContent(body, "application/json");

        var reply = await Host.Anonymous().PostRawAsync(content);

        reply.AssertStatus(HttpStatusCode.RequestEntityTooLarge).AssertCleanRefusal("REQUEST_TOO_LARGE");
    }

    [Fact]
    public async Task A_query_past_32_KiB_but_under_the_body_limit_is_DOCUMENT_TOO_LARGE()
    {
        var reply = await Host.Anonymous().PostQueryAsync("{ levels { key } } # " + new string('x', 100_000));

        reply.AssertStatus(HttpStatusCode.BadRequest).AssertCleanRefusal("DOCUMENT_TOO_LARGE");
    }

    [Fact]
    public async Task Fifty_thousand_unused_variables_are_handled()
    {
        var variables = Enumerable.Range(0, 50_000).ToDictionary(i => $"v{i}", i => (object)i);

        var reply = await Host.Anonymous().PostQueryAsync("{ levels { key } }", variables);

        reply.AssertHandled();
    }

    [Theory]
    [InlineData("application/x-www-form-urlencoded", "query=%7B__typename%7D")]
    [InlineData("text/plain", "{\"query\": \"{ __typename }\"}")]
    [InlineData("text/plain;charset=UTF-8", "{\"query\": \"{ __typename }\"}")]
    [InlineData("application/graphql", "{ __typename }")]
    [InlineData("application/xml", "<query>{ __typename }</query>")]
    public async Task Posts_a_browser_form_can_send_without_preflight_are_415(string contentType, string body)
    {
        var reply = await Host.Anonymous().PostRawAsync(body, contentType);

        reply.AssertStatus(HttpStatusCode.UnsupportedMediaType).AssertCleanRefusal("UNSUPPORTED_MEDIA_TYPE");
    }

    [Fact]
    public async Task A_multipart_form_post_is_415()
    {
        using var form = new MultipartFormDataContent { { new StringContent("{ __typename }"), "query" } };

        var reply = await Host.Anonymous().PostRawAsync(form);

        reply.AssertStatus(HttpStatusCode.UnsupportedMediaType).AssertCleanRefusal("UNSUPPORTED_MEDIA_TYPE");
    }

    [Fact]
    public async Task A_body_in_another_charset_is_415()
    {
        var reply = await Host.Anonymous().PostRawAsync("{\"query\": \"{ __typename }\"}", "application/json; charset=iso-8859-1");

        reply.AssertStatus(HttpStatusCode.UnsupportedMediaType).AssertCleanRefusal("UNSUPPORTED_MEDIA_TYPE");
    }

    [Fact]
    public async Task A_method_other_than_GET_or_POST_is_405_with_Allow()
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, "/graphql") { Content = new StringContent("{\"query\": \"{ __typename }\"}", Encoding.UTF8, "application/json") };

        var reply = await Host.Anonymous().SendRawAsync(request);

        reply.AssertStatus(HttpStatusCode.MethodNotAllowed).AssertCleanRefusal("METHOD_NOT_ALLOWED");
    }

    [Fact]
    public async Task An_Accept_header_without_a_JSON_type_is_406()
    {
        var reply = await Host.Anonymous().PostQueryAsync("{ __typename }", accept: "text/csv");

        reply.AssertStatus(HttpStatusCode.NotAcceptable).AssertCleanRefusal("NOT_ACCEPTABLE");
    }

    [Theory]
    [InlineData("/graphql", "INVALID_REQUEST")]
    [InlineData("/graphql?query=%7B__typename%7D&query=%7B__typename%7D", "INVALID_REQUEST")]
    [InlineData("/graphql?query=%7B__typename%7D&variables=%7Bnope", "INVALID_JSON")]
    [InlineData("/graphql?query=%7B__typename%7D&variables=%5B1%5D", "INVALID_REQUEST")]
    [InlineData("/graphql?query=%7B__typename%7D&extensions=42", "INVALID_REQUEST")]
    public async Task Malformed_GET_parameters_are_400(string pathAndQuery, string code)
    {
        var reply = await Host.Anonymous().GetRawAsync(pathAndQuery);

        reply.AssertStatus(HttpStatusCode.BadRequest).AssertCleanRefusal(code);
    }

    private static byte[] Bytes(string before, byte[] bytes, string after) =>
        [.. Encoding.ASCII.GetBytes(before), .. bytes, .. Encoding.ASCII.GetBytes(after)];

    /// <summary>A body sent without Content-Length, as a chunked upload arrives.</summary>
    private sealed class UnknownLengthContent : HttpContent
    {
        private readonly byte[] body;

        public UnknownLengthContent(byte[] body, string mediaType)
        {
            this.body = body;
            Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(mediaType);
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            for (var offset = 0; offset < body.Length; offset += 64 * 1024)
            {
                await stream.WriteAsync(body.AsMemory(offset, Math.Min(64 * 1024, body.Length - offset)));
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
