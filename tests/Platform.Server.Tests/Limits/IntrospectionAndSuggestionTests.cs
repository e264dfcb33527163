using System.Net;
using Platform.Server.Limits;
using Platform.Server.Tests.Http;

namespace Platform.Server.Tests.Limits;

/// <summary>Introspection on by default (GraphiQL's query included) and switchable off; no "Did you mean" outside Development.</summary>
public sealed class IntrospectionAndSuggestionTests
{
    [Fact]
    public async Task GraphiQL_introspection_passes_although_it_is_deeper_than_the_depth_limit()
    {
        await using var server = await ToyServer.Create<LimitsToySchema>().WithLimits().StartAsync();

        var reply = await server.SendAsync(LimitsRequests.IntrospectionQuery);

        reply.AssertIs(HttpStatusCode.OK).AssertNoErrors();
        Assert.Equal(0, reply.Cost());
    }

    [Theory]
    [InlineData("{ __schema { types { fields { type { fields { name } } } } } }")]
    [InlineData("{ __type(name: \"Book\") { fields { type { fields { type { name } } } } } }")]
    [InlineData("{ __schema { types { ...T } } } fragment T on __Type { interfaces { interfaces { name } } }")]
    public async Task Introspection_that_loops_through_the_schema_is_refused(string query)
    {
        await using var server = await ToyServer.Create<LimitsToySchema>().WithLimits().StartAsync();

        (await server.SendAsync(query)).AssertIs(HttpStatusCode.BadRequest).AssertRequestError(LimitErrorCodes.DepthExceeded);
    }

    [Theory]
    [InlineData("{ __schema { queryType { name } } }")]
    [InlineData("{ __type(name: \"Book\") { name } }")]
    [InlineData("{ hello ...F } fragment F on Query { __schema { queryType { name } } }")]
    public async Task Introspection_can_be_switched_off(string query)
    {
        await using var server = await ToyServer.Create<LimitsToySchema>().WithLimits().WithSettings(new Dictionary<string, string?> { ["GraphQL:Introspection"] = "false" }).StartAsync();

        (await server.SendAsync(query)).AssertIs(HttpStatusCode.BadRequest).AssertRequestError(LimitErrorCodes.IntrospectionDisabled);
    }

    [Fact]
    public async Task Typename_stays_allowed_without_introspection()
    {
        await using var server = await ToyServer.Create<LimitsToySchema>().WithLimits(o => o.Introspection = false).StartAsync();

        var reply = await server.SendAsync("{ __typename book(id: 1) { __typename title } }");

        reply.AssertNoErrors();
        Assert.Equal("Query", reply.Json.GetProperty("data").GetProperty("__typename").GetString());
    }

    [Theory]
    [InlineData("{ helo }", "Cannot query field 'helo' on type 'Query'.")]
    [InlineData("{ book(idd: 1) { title } }", "Unknown argument 'idd' on field 'book' of type 'Query'.")]
    public async Task Suggestions_are_left_out_outside_development(string query, string message)
    {
        await using var server = await ToyServer.Create<LimitsToySchema>().WithLimits().StartAsync();

        var reply = await server.SendAsync(query);

        reply.AssertIs(HttpStatusCode.BadRequest);
        Assert.Contains(message, reply.ErrorMessages);
        Assert.DoesNotContain("Did you mean", reply.Body, StringComparison.Ordinal);
        // The error keeps its code and location.
        Assert.NotNull(reply.ErrorCodes[0]);
        Assert.True(reply.Json.GetProperty("errors")[0].TryGetProperty("locations", out _), reply.ToString());
    }

    [Fact]
    public async Task Development_keeps_the_suggestions()
    {
        await using var server = await ToyServer.Create<LimitsToySchema>().WithLimits().InEnvironment("Development").StartAsync();

        Assert.Contains("Did you mean", (await server.SendAsync("{ helo }")).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Suggestions_can_be_switched_on_explicitly()
    {
        await using var server = await ToyServer.Create<LimitsToySchema>().WithLimits(o => o.FieldSuggestions = true).StartAsync();

        Assert.Contains("Did you mean", (await server.SendAsync("{ helo }")).Body, StringComparison.Ordinal);
    }
}
