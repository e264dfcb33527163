using System.Net;
using System.Text;
using static Platform.Tests.Shared.GraphQLHttp;

namespace Platform.Server.Tests.Http;

/// <summary>A body past <c>MaxRequestBodyBytes</c> is 413, whether Content-Length announces it or not.</summary>
public sealed class RequestSizeTests
{
    private const int Limit = 1024;

    private static string BodyOfLength(int length)
    {
        var prefix = """{"query":"{ hello }","extensions":{"pad":" """;
        const string suffix = "\"}}";
        return prefix + new string('x', length - prefix.Length - suffix.Length) + suffix;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Body_at_the_limit_is_accepted(bool useKestrel)
    {
        await using var server = await ToyServer.Create().OnKestrel(useKestrel).WithHttp(o => o.MaxRequestBodyBytes = Limit).StartAsync();
        var body = BodyOfLength(Limit);
        Assert.Equal(Limit, Encoding.UTF8.GetByteCount(body));

        var reply = await server.Client.ExchangeAsync(Post(body));

        reply.AssertIs(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Body_past_the_limit_with_content_length_is_413(bool useKestrel)
    {
        await using var server = await ToyServer.Create().OnKestrel(useKestrel).WithHttp(o => o.MaxRequestBodyBytes = Limit).StartAsync();

        var reply = await server.Client.ExchangeAsync(Post(BodyOfLength(Limit + 1)));

        reply.AssertIs(HttpStatusCode.RequestEntityTooLarge).AssertRequestError("REQUEST_TOO_LARGE");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Body_past_the_limit_without_content_length_is_413(bool useKestrel)
    {
        await using var server = await ToyServer.Create().OnKestrel(useKestrel).WithHttp(o => o.MaxRequestBodyBytes = Limit).StartAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new UnknownLengthContent(Encoding.UTF8.GetBytes(BodyOfLength(10 * Limit))) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", Json);
        request.Headers.TryAddWithoutValidation("Accept", GraphQLResponseJson);
        Assert.Null(request.Content.Headers.ContentLength);

        var reply = await server.Client.ExchangeAsync(request);

        reply.AssertIs(HttpStatusCode.RequestEntityTooLarge).AssertRequestError("REQUEST_TOO_LARGE");
    }

    [Fact]
    public async Task The_default_limit_is_one_mebibyte()
    {
        Assert.Equal(1024 * 1024, new Platform.Server.Http.GraphQLHttpOptions().MaxRequestBodyBytes);
        await using var server = await ToyServer.Create().StartAsync();

        var reply = await server.Client.ExchangeAsync(Post(BodyOfLength(1024 * 1024 + 1)));

        reply.AssertIs(HttpStatusCode.RequestEntityTooLarge).AssertRequestError("REQUEST_TOO_LARGE");
    }

    /// <summary>Content that does not announce its length, so it goes chunked (Kestrel) or streamed (TestServer).</summary>
    private sealed class UnknownLengthContent(byte[] bytes) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            // In small pieces, as a client streaming a body would send it.
            for (var offset = 0; offset < bytes.Length; offset += 512)
            {
                await stream.WriteAsync(bytes.AsMemory(offset, Math.Min(512, bytes.Length - offset)));
                await stream.FlushAsync();
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
