using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace SkillMatrix.Host.Tests.Server.Observability;

/// <summary>
/// Spans are recorded only where something takes them (<c>Telemetry:Tracing:Enabled</c>, by default on with an OTLP
/// endpoint): filling spans nobody exports cost every request. Log lines keep the caller's trace id either way.
/// </summary>
public sealed class TracingSwitchTests
{
    private const string RoleExample = """{ role(slug: "backend-developer-python") { name } }""";

    [Fact]
    public async Task Without_an_exporter_no_span_is_recorded_and_the_line_still_carries_the_callers_trace_id()
    {
        await using var host = await TestHost.Start().WithTelemetry(spans: false).BuildAsync();

        var (traceId, body) = await host.Anonymous().PostTracedAsync(RoleExample);

        Assert.Contains("Backend Developer (Python)", body, StringComparison.Ordinal);
        Assert.Null(host.Services.GetService<TracerProvider>());
        var line = await OperationLineAsync(host, traceId);
        Assert.Equal("GraphQLOperation", line.EventId.Name);
        Assert.DoesNotContain(host.Telemetry.Spans.Snapshot(), span => span.TraceId == traceId);
    }

    [Fact]
    public async Task Tracing_enabled_records_the_request_the_operation_and_its_statements()
    {
        await using var host = await TestHost.Start().WithTelemetry().BuildAsync();

        var (traceId, _) = await host.Anonymous().PostTracedAsync(RoleExample);

        Assert.NotNull(host.Services.GetService<TracerProvider>());
        var trace = await host.Telemetry.TraceAsync(traceId);
        Assert.Contains(trace, span => span.Source.Name == "Microsoft.AspNetCore");
        Assert.Contains(trace, span => span.DisplayName == "graphql query");
        Assert.Contains(trace, span => span.Source.Name.Contains("EntityFrameworkCore", StringComparison.Ordinal));
    }

    private static async Task<CapturedLog> OperationLineAsync(TestHost host, System.Diagnostics.ActivityTraceId traceId)
    {
        // Written before the answer goes out; the wait only covers a slow capture.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var lines = host.Telemetry.Logs.Entries.Where(entry =>
                entry.Category == "SkillMatrix.GraphQL" && Equals(entry.Values.GetValueOrDefault("TraceId"), traceId.ToHexString())).ToList();
            if (lines.Count > 0 || DateTime.UtcNow > deadline)
            {
                return Assert.Single(lines);
            }

            await Task.Delay(20);
        }
    }
}
