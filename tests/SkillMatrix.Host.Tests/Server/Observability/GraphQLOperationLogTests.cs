using Microsoft.Extensions.DependencyInjection;

namespace SkillMatrix.Host.Tests.Server.Observability;

/// <summary>One structured log line per GraphQL operation, with nothing of the caller's secrets in any log.</summary>
public sealed class GraphQLOperationLogTests(TelemetryHost fixture) : IClassFixture<TelemetryHost>
{
    private TestHost Host => fixture.Host;

    [Fact]
    public async Task Each_operation_logs_one_line_with_its_figures_and_no_token_or_variable()
    {
        const string secret = "s3cr3t-variable-value-9f2c";
        var token = Host.IssueToken("member-7", "Test Member");

        var (traceId, _) = await Host.Anonymous().PostTracedAsync(
            "query Costly($slug: String!) { role(slug: $slug) { name } }", "Costly", new { slug = secret }, token);
        await Host.Telemetry.TraceAsync(traceId); // the request span ends last: every log of the request is written by then

        var line = Assert.Single(Host.Telemetry.Logs.Entries, entry =>
            entry.Category == "SkillMatrix.GraphQL" && Equals(entry.Values.GetValueOrDefault("TraceId"), traceId.ToHexString()));
        Assert.Equal("GraphQLOperation", line.EventId.Name);
        Assert.Equal("query", line.Values["OperationType"]);
        Assert.Equal("Costly", line.Values["OperationName"]);
        Assert.IsType<double>(line.Values["DurationMs"]);
        Assert.True((double)line.Values["DurationMs"]! >= 0);
        Assert.Equal(TelemetryHost.RoleNameCost, Convert.ToInt32(line.Values["Cost"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("member-7", line.Values["MemberId"]);
        Assert.Equal(0, line.Values["ErrorCount"]);
        Assert.NotNull(line.Values["DocumentHash"]);

        // Nowhere in any category: neither the token (nor its signature alone) nor the variable's value.
        var signature = token[(token.LastIndexOf('.') + 1)..];
        foreach (var entry in Host.Telemetry.Logs.Entries)
        {
            var text = entry.Message + string.Join('|', entry.Values.Values);
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
            Assert.DoesNotContain(signature, text, StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// The README's role example, as the Host's JSON console writes it (scopes included): the figures an operator reads,
    /// and a bound on its size, since every operation writes one (it was 1.2 KB).
    /// </summary>
    [Fact]
    public async Task The_line_holds_the_figures_and_stays_small()
    {
        var (traceId, line) = await OperationLineAsync(RoleExample);
        Assert.NotNull(line.Json);
        using var json = System.Text.Json.JsonDocument.Parse(line.Json);
        var state = json.RootElement.GetProperty("State");
        foreach (var field in new[] { "OperationType", "OperationName", "DurationMs", "Cost", "MemberId", "ErrorCount", "DocumentHash" })
        {
            Assert.True(state.TryGetProperty(field, out _), $"{field} missing: {line.Json}");
        }

        Assert.Equal("query", state.GetProperty("OperationType").GetString());
        // The trace id is the activity's scope, once; the parent span id is the span's own record, not every line's.
        var activity = Assert.Single(json.RootElement.GetProperty("Scopes").EnumerateArray(), scope => scope.TryGetProperty("SpanId", out _));
        Assert.Equal(traceId.ToHexString(), activity.GetProperty("TraceId").GetString());
        Assert.False(activity.TryGetProperty("ParentId", out _), line.Json);
        Assert.Null(line.Exception);
        var bytes = System.Text.Encoding.UTF8.GetByteCount(line.Json);
        Assert.True(bytes <= MaxLineBytes, $"{bytes} bytes: {line.Json}");
    }

    /// <summary>
    /// The line above measured 780 bytes (1.2 KB before): ~100 of header, ~370 of message, template and values, ~290 of
    /// scopes, half of them ASP.NET Core's request scope. The bound leaves room for a slower duration, not for a new field.
    /// </summary>
    private const int MaxLineBytes = 800;

    private const string RoleExample = """{ role(slug: "backend-developer-python") { name } }""";

    /// <summary>Sends <paramref name="query"/> under a trace of its own and returns the operation's one line, once the request has ended.</summary>
    private async Task<(System.Diagnostics.ActivityTraceId TraceId, CapturedLog Line)> OperationLineAsync(string query)
    {
        var (traceId, _) = await Host.Anonymous().PostTracedAsync(query);
        await Host.Telemetry.TraceAsync(traceId); // the request span ends last: every log of the request is written by then
        return (traceId, Assert.Single(Host.Telemetry.Logs.Entries, entry =>
            entry.Category == "SkillMatrix.GraphQL" && Equals(entry.Values.GetValueOrDefault("TraceId"), traceId.ToHexString())));
    }

    [Fact]
    public void The_json_console_is_written_in_batches_instead_of_line_by_line()
    {
        var providers = Host.Services.GetServices<Microsoft.Extensions.Logging.ILoggerProvider>().Select(provider => provider.GetType().Name).ToList();

        Assert.Contains("BatchedConsoleLoggerProvider", providers);
        Assert.DoesNotContain(nameof(Microsoft.Extensions.Logging.Console.ConsoleLoggerProvider), providers);
    }

    [Fact]
    public async Task An_anonymous_caller_is_logged_without_a_member()
    {
        var (_, line) = await OperationLineAsync(RoleExample);
        Assert.Null(line.Values["MemberId"]);
        Assert.Equal(TelemetryHost.RoleNameCost, Convert.ToInt32(line.Values["Cost"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Null(line.Values["OperationName"]);
    }
}
