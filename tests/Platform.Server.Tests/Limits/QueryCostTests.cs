using System.Diagnostics;
using System.Net;
using Platform.Server.Limits;
using Platform.Server.Tests.Http;

namespace Platform.Server.Tests.Limits;

/// <summary>The cost model on the toy schema, and COST_EXCEEDED on both sides of the limit.</summary>
public sealed class QueryCostTests : IAsyncLifetime
{
    private ToyServer server = null!;

    public async Task InitializeAsync() => server = await ToyServer.Create<LimitsToySchema>().WithLimits(o => o.Cost.MaxQueryCost = int.MaxValue).StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Theory]
    // Scalars cost nothing; __typename too.
    [InlineData("{ hello __typename }", 0)]
    // A plain list: 50 assumed items, 1 each.
    [InlineData("{ authors { name } }", 50)]
    // Nested plain lists multiply: 50 × (1 + 50 × 1).
    [InlineData("{ authors { books { title } } }", 2550)]
    // A single object and its object child: 1 + 1.
    [InlineData("{ book(id: 1) { title author { name } } }", 2)]
    // ListSize(3) metadata: 1 + 3 × 1.
    [InlineData("{ book(id: 1) { reviews { stars } } }", 4)]
    // A paged field: its lists take the page size (default 10); non-list children are not multiplied.
    [InlineData("{ booksPage { totalCount nodes { title } } }", 11)]
    [InlineData("{ booksPage(first: 5) { nodes { title author { name } } } }", 11)]
    [InlineData("{ booksPage(last: 3) { nodes { title } } }", 4)]
    // Past the page maximum, the resolver's PAGE_SIZE_EXCEEDED answers, so the cost counts at most 100.
    [InlineData("{ booksPage(first: 5000) { nodes { title } } }", 101)]
    // Cost(500) metadata on a scalar.
    [InlineData("{ expensive }", 500)]
    // @skip/@include are honoured.
    [InlineData("{ authors @skip(if: true) { name } book(id: 1) { title } }", 1)]
    // Fragments count where they are spread, each time.
    [InlineData("{ authors { ...A } book(id: 1) { author { ...A } } } fragment A on Author { books { title } }", 2602)]
    // Introspection costs nothing.
    [InlineData("{ __schema { types { name fields { name } } } }", 0)]
    // Each mutation root field adds 10.
    [InlineData("mutation { addBook(title: \"x\") { title } }", 11)]
    [InlineData("mutation { a: addBook(title: \"x\") { title } b: addBook(title: \"y\") { author { name } } }", 23)]
    public async Task Cost_is_reported_on_request(string query, long expected)
    {
        var reply = await server.SendAsync(query);

        reply.AssertNoErrors();
        Assert.Equal(expected, reply.Cost());
        Assert.Equal(int.MaxValue, reply.Json.GetProperty("extensions").GetProperty("cost").GetProperty("maxQueryCost").GetInt32());
    }

    [Fact]
    public async Task Variables_size_the_page()
    {
        var reply = await server.SendAsync("query($n: Int) { booksPage(first: $n) { nodes { title } } }", new { n = 42 });
        Assert.Equal(43, reply.AssertNoErrors().Cost());
    }

    [Fact]
    public async Task Without_the_header_no_cost_is_reported()
    {
        var reply = await server.SendAsync("{ authors { name } }", reportCost: false);
        Assert.False(reply.AssertNoErrors().Json.TryGetProperty("extensions", out _), reply.ToString());
    }

    [Fact]
    public async Task The_limit_is_inclusive_and_one_point_more_is_refused_before_execution()
    {
        await using var atLimit = await ToyServer.Create<LimitsToySchema>().WithLimits(o => o.Cost.MaxQueryCost = 2550).StartAsync();
        (await atLimit.SendAsync("{ authors { books { title } } }")).AssertIs(HttpStatusCode.OK).AssertNoErrors();

        await using var belowLimit = await ToyServer.Create<LimitsToySchema>().WithLimits(o => o.Cost.MaxQueryCost = 2549).StartAsync();
        var refused = await belowLimit.SendAsync("{ authors { books { title } } }");
        refused.AssertIs(HttpStatusCode.BadRequest).AssertRequestError(LimitErrorCodes.CostExceeded);
        Assert.Equal(2550, refused.ErrorExtensions().GetProperty("requestedQueryCost").GetInt64());
        Assert.Equal(2549, refused.ErrorExtensions().GetProperty("maxQueryCost").GetInt32());
        // Refused requests report their cost too, when asked.
        Assert.Equal(2550, refused.Cost());
    }

    [Fact]
    public async Task Configured_list_sizes_and_weights_win_over_metadata_and_defaults()
    {
        await using var tuned = await ToyServer.Create<LimitsToySchema>().WithLimits().WithSettings(new Dictionary<string, string?>
        {
            ["GraphQL:Cost:ListSizes:Query.authors"] = "2",
            ["GraphQL:Cost:ListSizes:Book.reviews"] = "7",
            ["GraphQL:Cost:Weights:Query.expensive"] = "1",
            ["GraphQL:Cost:AssumedListSize"] = "4",
        }).StartAsync();

        Assert.Equal(2 * (1 + 4), (await tuned.SendAsync("{ authors { books { title } } }")).AssertNoErrors().Cost());
        Assert.Equal(1 + 7, (await tuned.SendAsync("{ book(id: 1) { reviews { stars } } }")).AssertNoErrors().Cost());
        Assert.Equal(1, (await tuned.SendAsync("{ expensive }")).AssertNoErrors().Cost());
    }

    [Fact]
    public async Task A_fragment_bomb_is_costed_quickly_and_refused()
    {
        // Each fragment spreads the next one twice under a list: 2^20 paths, walked once per fragment.
        var fragments = Enumerable.Range(0, 20).Select(i => $"fragment F{i} on Author {{ books {{ author {{ ...F{i + 1} }} }} a{i}: books {{ author {{ ...F{i + 1} }} }} }}");
        var query = "{ authors { ...F0 } } " + string.Join(" ", fragments) + " fragment F20 on Author { name }";
        await using var lenient = await ToyServer.Create<LimitsToySchema>().WithLimits(o => { o.MaxAliases = 100; o.MaxDepth = 100; }).StartAsync();

        var watch = Stopwatch.StartNew();
        var reply = await lenient.SendAsync(query);

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
        reply.AssertRequestError(LimitErrorCodes.CostExceeded);
    }
}
