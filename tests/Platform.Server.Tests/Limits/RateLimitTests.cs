using System.Net;
using Platform.Server.Limits;
using Platform.Server.Tests.Http;

namespace Platform.Server.Tests.Limits;

/// <summary>Each request spends its cost from a per-member (else per-address) bucket of points per minute.</summary>
public sealed class RateLimitTests
{
    // 50 points a request (authors { name }); 120 per minute allow two, then the third waits for points.
    private const string Query = "{ authors { name } }";

    private static Task<ToyServer> StartAsync(bool enabled = true) =>
        ToyServer.Create<LimitsToySchema>().WithLimits().WithSettings(new Dictionary<string, string?>
        {
            ["GraphQL:RateLimit:PointsPerMinute"] = "120",
            ["GraphQL:RateLimit:Enabled"] = enabled ? "true" : "false",
        }).StartAsync();

    [Theory]
    [InlineData(GraphQLHttp.GraphQLResponseJson)]
    [InlineData(GraphQLHttp.Json)]
    public async Task Spent_points_answer_429_with_Retry_After(string accept)
    {
        await using var server = await StartAsync();

        (await server.SendAsync(Query, accept: accept)).AssertNoErrors();
        (await server.SendAsync(Query, accept: accept)).AssertNoErrors();
        var refused = await server.SendAsync(Query, accept: accept);

        refused.AssertIs(HttpStatusCode.TooManyRequests, accept).AssertRequestError(LimitErrorCodes.RateLimited);
        var retryAfter = refused.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter!.Value.TotalSeconds, 1, 60);
        Assert.Equal(50, refused.ErrorExtensions().GetProperty("cost").GetInt32());
        Assert.Equal(120, refused.ErrorExtensions().GetProperty("pointsPerMinute").GetInt32());
        Assert.Equal((int)retryAfter.Value.TotalSeconds, refused.ErrorExtensions().GetProperty("retryAfter").GetInt32());
    }

    [Fact]
    public async Task Each_member_has_its_own_points()
    {
        await using var server = await StartAsync();

        (await server.SendAsync(Query, member: "alice")).AssertNoErrors();
        (await server.SendAsync(Query, member: "alice")).AssertNoErrors();
        (await server.SendAsync(Query, member: "alice")).AssertRequestError(LimitErrorCodes.RateLimited);

        (await server.SendAsync(Query, member: "bob")).AssertNoErrors();
        // Anonymous requests are charged to the address, not to a member.
        (await server.SendAsync(Query)).AssertNoErrors();
    }

    [Fact]
    public async Task Each_address_has_its_own_points_and_no_address_is_not_limited()
    {
        await using var server = await StartAsync();

        (await server.SendAsync(Query, address: "198.51.100.7")).AssertNoErrors();
        (await server.SendAsync(Query, address: "198.51.100.7")).AssertNoErrors();
        (await server.SendAsync(Query, address: "198.51.100.7")).AssertRequestError(LimitErrorCodes.RateLimited);
        (await server.SendAsync(Query, address: "2001:db8::1")).AssertNoErrors();

        for (var i = 0; i < 4; i++)
        {
            (await server.SendAsync(Query, address: "none")).AssertNoErrors();
        }
    }

    [Fact]
    public async Task Dearer_requests_spend_more()
    {
        await using var server = await StartAsync();

        // 101 points, then 50 more are not there.
        (await server.SendAsync("{ booksPage(first: 100) { nodes { title } } }")).AssertNoErrors();
        (await server.SendAsync(Query)).AssertRequestError(LimitErrorCodes.RateLimited);
    }

    [Fact]
    public async Task Refused_requests_spend_nothing()
    {
        await using var server = await StartAsync();

        for (var i = 0; i < 5; i++)
        {
            (await server.SendAsync("{ authors { nope } }")).AssertIs(HttpStatusCode.BadRequest);
        }

        (await server.SendAsync(Query)).AssertNoErrors();
    }

    [Fact]
    public async Task Rate_limiting_can_be_switched_off()
    {
        await using var server = await StartAsync(enabled: false);

        for (var i = 0; i < 5; i++)
        {
            (await server.SendAsync(Query)).AssertNoErrors();
        }
    }
}
