using System.Net;
using System.Text;
using Platform.Server.Limits;
using Platform.Server.Tests.Http;

namespace Platform.Server.Tests.Limits;

/// <summary>Depth, aliases, directives, tokens and document size: at the limit passes, one past it is refused with its code.</summary>
public sealed class QueryShapeLimitsTests : IAsyncLifetime
{
    private ToyServer server = null!;

    // Lists of one item each, so deep documents stay within the cost limit: depth is what these tests are about.
    public async Task InitializeAsync() => server = await ToyServer.Create<LimitsToySchema>().WithLimits(o => o.Cost.AssumedListSize = 1).StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    /// <summary>authors { books { author { books ... { name|title } } } }: exactly <paramref name="depth"/> levels.</summary>
    private static string OfDepth(int depth)
    {
        var open = new StringBuilder("{ authors {");
        var close = new StringBuilder("} }");
        var onAuthor = true;
        for (var level = 2; level < depth; level++)
        {
            open.Append(onAuthor ? " books {" : " author {");
            close.Append(" }");
            onAuthor = !onAuthor;
        }

        return open.Append(onAuthor ? " name " : " title ").Append(close).ToString();
    }

    [Fact]
    public async Task Depth_of_twelve_passes_and_thirteen_is_refused()
    {
        (await server.SendAsync(OfDepth(12))).AssertIs(HttpStatusCode.OK).AssertNoErrors();

        var refused = await server.SendAsync(OfDepth(13));
        refused.AssertIs(HttpStatusCode.BadRequest).AssertRequestError(LimitErrorCodes.DepthExceeded);
        Assert.Equal(13, refused.ErrorExtensions().GetProperty("depth").GetInt32());
        Assert.Equal(12, refused.ErrorExtensions().GetProperty("maxDepth").GetInt32());
    }

    [Fact]
    public async Task Depth_counts_through_fragments()
    {
        const string prefix = "{ ...Q } fragment Q on Query { ...C } fragment C on Query ";
        (await server.SendAsync(prefix + OfDepth(12))).AssertNoErrors();
        var query = prefix + OfDepth(13);
        (await server.SendAsync(query)).AssertRequestError(LimitErrorCodes.DepthExceeded);
    }

    [Fact]
    public async Task Fifteen_aliases_pass_and_sixteen_are_refused()
    {
        static string Aliases(int n) => "{ " + string.Join(" ", Enumerable.Range(1, n).Select(i => $"a{i}: hello")) + " }";

        (await server.SendAsync(Aliases(15))).AssertIs(HttpStatusCode.OK).AssertNoErrors();
        var refused = await server.SendAsync(Aliases(16));
        refused.AssertIs(HttpStatusCode.BadRequest).AssertRequestError(LimitErrorCodes.AliasesExceeded);
    }

    [Fact]
    public async Task Aliases_in_a_fragment_count_once_however_often_it_is_spread()
    {
        var fragment = "fragment F on Query { " + string.Join(" ", Enumerable.Range(1, 10).Select(i => $"a{i}: hello")) + " }";
        (await server.SendAsync("{ ...F ...F } " + fragment)).AssertNoErrors();
    }

    [Fact]
    public async Task Fifty_directives_pass_and_fifty_one_are_refused()
    {
        static string Directives(int n) => "{ hello " + string.Concat(Enumerable.Repeat("@include(if: true) ", n)) + "}";

        // Repeating a non-repeatable directive is itself invalid; spread them over fields instead.
        static string Spread(int n) => "{ " + string.Join(" ", Enumerable.Range(0, n).Select(i => $"f{i}: hello @include(if: true)")) + " }";

        await using var lenient = await ToyServer.Create<LimitsToySchema>().WithLimits(o => o.MaxAliases = 1000).StartAsync();
        (await lenient.SendAsync(Spread(50))).AssertIs(HttpStatusCode.OK).AssertNoErrors();
        (await lenient.SendAsync(Spread(51))).AssertIs(HttpStatusCode.BadRequest).AssertRequestError(LimitErrorCodes.DirectivesExceeded);
        Assert.Contains(LimitErrorCodes.DirectivesExceeded, (await lenient.SendAsync(Directives(51))).ErrorCodes);
    }

    [Fact]
    public void Tokens_are_counted_without_comments()
    {
        Assert.Equal(3, DocumentLimits.CountTokens("{ hello }", 100));
        Assert.Equal(3, DocumentLimits.CountTokens("# a comment\n{ hello } # another", 100));
        Assert.Equal(7, DocumentLimits.CountTokens("query Q { a: hello }", 100));
        Assert.Equal(2, DocumentLimits.CountTokens("{ hello }", 2));
    }

    [Fact]
    public async Task Two_thousand_tokens_pass_and_more_are_refused_before_parsing()
    {
        // "{ " + n × "hello " + "}": n + 2 tokens; fields of the same name merge, so the document is valid.
        static string Tokens(int n) => "{ " + string.Concat(Enumerable.Repeat("hello ", n - 2)) + "}";

        (await server.SendAsync(Tokens(2000))).AssertIs(HttpStatusCode.OK).AssertNoErrors();
        var refused = await server.SendAsync(Tokens(2001));
        refused.AssertIs(HttpStatusCode.BadRequest).AssertRequestError(LimitErrorCodes.TokensExceeded);

        // Under application/json a request error is 200, as the spec says.
        (await server.SendAsync(Tokens(2001), accept: GraphQLHttp.Json)).AssertIs(HttpStatusCode.OK, GraphQLHttp.Json)
            .AssertRequestError(LimitErrorCodes.TokensExceeded);
    }

    [Fact]
    public async Task A_document_of_32_KiB_passes_and_a_byte_more_is_refused()
    {
        // Padding in a comment: size counts, tokens do not.
        static string OfBytes(int bytes)
        {
            const string query = "\n{ hello }";
            return "#" + new string('x', bytes - 1 - query.Length) + query;
        }

        (await server.SendAsync(OfBytes(32 * 1024))).AssertIs(HttpStatusCode.OK).AssertNoErrors();
        var refused = await server.SendAsync(OfBytes(32 * 1024 + 1));
        refused.AssertIs(HttpStatusCode.BadRequest).AssertRequestError(LimitErrorCodes.DocumentTooLarge);
        Assert.Equal(32 * 1024, refused.ErrorExtensions().GetProperty("maxDocumentBytes").GetInt32());
    }

    [Fact]
    public async Task Limits_come_from_configuration()
    {
        await using var strict = await ToyServer.Create<LimitsToySchema>().WithLimits().WithSettings(new Dictionary<string, string?> { ["GraphQL:MaxDepth"] = "2" }).StartAsync();
        (await strict.SendAsync("{ authors { name } }")).AssertNoErrors();
        (await strict.SendAsync("{ authors { books { title } } }")).AssertRequestError(LimitErrorCodes.DepthExceeded);
    }
}
