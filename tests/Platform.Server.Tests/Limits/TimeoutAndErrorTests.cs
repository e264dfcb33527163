using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Platform.Server.Limits;
using Platform.Server.Tests.Http;

namespace Platform.Server.Tests.Limits;

/// <summary>The execution timeout cancels the resolvers' token; unexpected exceptions are masked with a trace id.</summary>
public sealed class TimeoutAndErrorTests
{
    [Theory]
    [InlineData(GraphQLHttp.GraphQLResponseJson, HttpStatusCode.GatewayTimeout)]
    [InlineData(GraphQLHttp.Json, HttpStatusCode.OK)]
    public async Task A_request_past_the_timeout_is_cancelled_and_answered_with_TIMEOUT(string accept, HttpStatusCode status)
    {
        // Long enough that the warm-up below passes on a machine busy with other test projects (300 ms did not, once):
        // `slow` waits for its token, so the test takes the timeout and not a moment more.
        await using var server = await ToyServer.Create<LimitsToySchema>().WithLimits(o => o.ExecutionTimeout = TimeSpan.FromSeconds(2)).StartAsync();
        var probe = server.Services.GetRequiredService<CancellationProbe>();
        // Warm up, so that the first request's start-up does not use up the timeout before the resolver runs.
        (await server.SendAsync("{ hello }")).AssertNoErrors();

        var reply = await server.SendAsync("{ slow }", accept: accept);

        reply.AssertIs(status, accept).AssertRequestError(LimitErrorCodes.Timeout);
        await probe.Cancelled.Task.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task The_default_timeout_is_ten_seconds()
    {
        Assert.Equal(TimeSpan.FromSeconds(10), new GraphQLLimitsOptions().ExecutionTimeout);
        await using var server = await ToyServer.Create<LimitsToySchema>().WithLimits().WithSettings(new Dictionary<string, string?> { ["GraphQL:ExecutionTimeout"] = "00:00:00.100" }).StartAsync();

        (await server.SendAsync("{ slow }")).AssertRequestError(LimitErrorCodes.Timeout);
    }

    [Fact]
    public async Task An_unexpected_exception_is_masked_with_a_trace_id()
    {
        await using var server = await ToyServer.Create<LimitsToySchema>().WithLimits().StartAsync();

        var reply = await server.SendAsync("{ hello fail }");

        reply.AssertIs(HttpStatusCode.OK);
        var error = reply.Json.GetProperty("errors")[0];
        Assert.Equal("Unexpected Execution Error", error.GetProperty("message").GetString());
        var extensions = error.GetProperty("extensions");
        Assert.Equal(LimitErrorCodes.Internal, extensions.GetProperty("code").GetString());
        Assert.False(string.IsNullOrEmpty(extensions.GetProperty("traceId").GetString()));
        // Neither the message, the type (as a code), the data nor a stack trace leaves the server.
        Assert.DoesNotContain("secret", reply.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("INVALID_OPERATION", reply.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", reply.Body, StringComparison.Ordinal);
        Assert.Equal("world", reply.Json.GetProperty("data").GetProperty("hello").GetString());
    }
}
