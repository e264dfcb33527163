using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using Microsoft.Extensions.Logging;

namespace SkillMatrix.Host.Tests.Server.Observability;

/// <summary>
/// What a request that does not end well leaves in the log: a client that went away is one line at Information, without an
/// exception; a fault of ours is one Error with the trace id the client was given.
/// </summary>
public sealed class GraphQLFailureLogTests
{
    private const string OperationCategory = "SkillMatrix.GraphQL";

    [Fact]
    public async Task A_client_that_disconnects_mid_execution_is_one_Information_line_without_an_exception()
    {
        await using var host = await TestHost.Start().WithTelemetry().WithSchemaSlice<LimitsTestSlice>().BuildAsync();
        var client = host.Anonymous();
        await client.PostTracedAsync("{ levels { key } }"); // warm: the cancellation below must land in the statement
        var logged = host.Telemetry.Logs.Entries.Count;
        var traceId = ActivityTraceId.CreateRandom();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            // Two fields that each run a statement: a field still to run after the disconnect must not log either.
            Content = JsonContent.Create(new { query = "query Endless { endlessSql again: endlessSql }" }),
        };
        request.Headers.Add("traceparent", $"00-{traceId.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        using var disconnect = new CancellationTokenSource();

        var sending = client.SendAsync(request, disconnect.Token);
        // The statement never ends by itself: wait until it runs, then go away as a client that closes its tab.
        await WaitUntilAsync(() => host.Statements.Statements.Any(sql => sql.Contains("RECURSIVE", StringComparison.Ordinal)));
        await disconnect.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending);
        await host.Telemetry.TraceAsync(traceId); // the request span ends last: every log of the request is written by then
        await WaitUntilAsync(() => host.Telemetry.Logs.Entries.Skip(logged).Any(entry => entry.Category == OperationCategory));

        var entries = host.Telemetry.Logs.Entries.Skip(logged).ToList();
        Assert.DoesNotContain(entries, entry => entry.Level >= LogLevel.Warning || entry.Exception is not null);
        var line = Assert.Single(entries, entry => entry.Level >= LogLevel.Information);
        Assert.Equal(OperationCategory, line.Category);
        Assert.Equal("GraphQLOperationCancelled", line.EventId.Name);
        Assert.Equal(LogLevel.Information, line.Level);
        Assert.Equal(traceId.ToHexString(), line.Values["TraceId"]);
        Assert.Equal("Endless", line.Values["OperationName"]);
        Assert.DoesNotContain("   at ", line.Json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_resolver_that_fails_is_one_Error_line_with_the_trace_id()
    {
        await using var host = await TestHost.Start().WithTelemetry().WithSchemaSlice<LimitsTestSlice>().BuildAsync();
        var logged = host.Telemetry.Logs.Entries.Count;

        var (traceId, body) = await host.Anonymous().PostTracedAsync("{ explode levels { key } }");
        await host.Telemetry.TraceAsync(traceId);

        var entries = host.Telemetry.Logs.Entries.Skip(logged).ToList();
        var error = Assert.Single(entries, entry => entry.Level >= LogLevel.Error);
        Assert.Equal(traceId.ToString(), error.Values["TraceId"]);
        Assert.Contains(traceId.ToString(), body, StringComparison.Ordinal); // the id the client reports finds the line
        // Logged bounded (LoggedException), under the original's type name.
        Assert.StartsWith("System.InvalidOperationException: ", error.Exception!.ToString(), StringComparison.Ordinal);
        var line = Assert.Single(entries, entry => entry.Category == OperationCategory);
        Assert.Equal("GraphQLOperation", line.EventId.Name);
        Assert.Equal(1, line.Values["ErrorCount"]);
    }

    [Fact]
    public async Task A_timeout_is_the_operation_line_with_its_error_not_a_cancellation()
    {
        await using var host = await TestHost.Start().WithTelemetry().WithSchemaSlice<LimitsTestSlice>()
            .WithExecutionTimeout(TimeSpan.FromMilliseconds(500)).BuildAsync();
        var client = host.Anonymous();
        await client.PostTracedAsync("{ levels { key } }");
        var logged = host.Telemetry.Logs.Entries.Count;

        var (traceId, body) = await client.PostTracedAsync("{ endlessSql }");
        await host.Telemetry.TraceAsync(traceId);

        Assert.Contains("TIMEOUT", body, StringComparison.Ordinal);
        var entries = host.Telemetry.Logs.Entries.Skip(logged).ToList();
        Assert.DoesNotContain(entries, entry => entry.Level >= LogLevel.Error);
        var line = Assert.Single(entries, entry => entry.Category == OperationCategory);
        Assert.Equal("GraphQLOperation", line.EventId.Name);
        Assert.Equal(1, line.Values["ErrorCount"]);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting");
            await Task.Delay(20);
        }
    }
}
