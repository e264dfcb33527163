using Microsoft.Extensions.Logging;

namespace SkillMatrix.Host.Tests.Server.Observability;

/// <summary>An unexpected exception in the log: one Error line of bounded size, whatever its message and stack.</summary>
public sealed class UnexpectedErrorLogTests
{
    [Fact]
    public async Task A_huge_exception_is_one_error_line_of_a_few_kilobytes_with_its_type_trace_id_and_top_frames()
    {
        await using var host = await TestHost.Start().WithSignIn().WithSchemaSlice<LimitsTestSlice>().WithTelemetry().BuildAsync();
        var before = host.Telemetry.Logs.Entries.Count;

        var reply = await host.Anonymous().QueryAsync("{ explodeLoudly }");

        Assert.Equal("INTERNAL", reply.ErrorCodes.Single());
        var traceId = (string?)reply.Body["errors"]![0]!["extensions"]!["traceId"];
        var line = Assert.Single(host.Telemetry.Logs.Entries.Skip(before), e => e.Level == LogLevel.Error);
        Assert.NotNull(line.Json);
        Assert.True(line.Json!.Length < 16 * 1024, $"the line is {line.Json.Length} characters");
        Assert.Contains(traceId!, line.Json, StringComparison.Ordinal);
        Assert.Contains("System.InvalidOperationException: xxxx", line.Json, StringComparison.Ordinal);
        Assert.Contains("more characters", line.Json, StringComparison.Ordinal);
        Assert.Contains("more frames", line.Json, StringComparison.Ordinal);
    }
}
