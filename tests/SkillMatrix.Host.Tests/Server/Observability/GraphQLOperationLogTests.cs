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

    [Fact]
    public async Task An_anonymous_caller_is_logged_without_a_member()
    {
        var (traceId, _) = await Host.Anonymous().PostTracedAsync("""{ role(slug: "backend-developer-python") { name } }""");
        await Host.Telemetry.TraceAsync(traceId);

        var line = Assert.Single(Host.Telemetry.Logs.Entries, entry =>
            entry.Category == "SkillMatrix.GraphQL" && Equals(entry.Values.GetValueOrDefault("TraceId"), traceId.ToHexString()));
        Assert.Null(line.Values["MemberId"]);
        Assert.Equal(TelemetryHost.RoleNameCost, Convert.ToInt32(line.Values["Cost"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Null(line.Values["OperationName"]);
    }
}
