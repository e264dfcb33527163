using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;


namespace SkillMatrix.Host.Tests.Server.Observability;

/// <summary>The meter SkillMatrix.GraphQL, as a MeterListener and as Prometheus see it.</summary>
public sealed class GraphQLMetricsTests(TelemetryHost fixture) : IClassFixture<TelemetryHost>
{
    private TestHost Host => fixture.Host;

    [Fact]
    public async Task Operations_record_requests_duration_errors_and_cost()
    {
        using var measurements = new Measurements(Host.Services.GetRequiredService<IMeterFactory>());

        await Host.Anonymous().PostTracedAsync("""query Costly { role(slug: "backend-developer-python") { name } }""", "Costly");
        await Host.Anonymous().PostTracedAsync("{ role(slug: \"x\") { noSuchField } }");

        Assert.Equal(2, measurements.Sum("skillmatrix.graphql.requests", "query"));
        Assert.Equal(2, measurements.Of("skillmatrix.graphql.duration").Count);
        Assert.All(measurements.Of("skillmatrix.graphql.duration"), m => Assert.InRange(m.Value, 0, 60));
        // Only the valid operation is costed; the one refused by validation spends nothing.
        Assert.Equal(TelemetryHost.RoleNameCost, measurements.Sum("skillmatrix.graphql.cost", "query"));
        var error = Assert.Single(measurements.Of("skillmatrix.graphql.errors"));
        Assert.Equal(1, error.Value);
        Assert.Equal("request", error.Tags["skillmatrix.graphql.error_kind"]);
    }

    [Fact]
    public async Task The_document_cache_counts_a_miss_then_a_hit_and_both_answer_the_same_bytes()
    {
        using var measurements = new Measurements(Host.Services.GetRequiredService<IMeterFactory>());
        // A text no other test of the host sends, so its first request is the miss.
        var query = $$"""query Cached { role(slug: "backend-developer-python") { name family { name } } } # {{Guid.NewGuid()}}""";

        var miss = await PostBytesAsync(query);
        var hit = await PostBytesAsync(query);

        Assert.Equal(1, measurements.Sum("skillmatrix.graphql.document_cache.misses"));
        Assert.Equal(1, measurements.Sum("skillmatrix.graphql.document_cache.hits"));
        Assert.Equal(miss, hit);
        var text = System.Text.Encoding.UTF8.GetString(miss);
        Assert.StartsWith("""{"data":{"role":{"name":"Backend Developer (Python)",""", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\"errors\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Rate_limit_refusals_are_counted_through_the_metrics_service()
    {
        using var measurements = new Measurements(Host.Services.GetRequiredService<IMeterFactory>());

        // GraphQLMetrics is internal to the building blocks (the endpoint calls it); the test reaches it by name.
        var type = Type.GetType("Platform.Server.Observability.GraphQLMetrics, Platform.Server", throwOnError: true)!;
        var metrics = Host.Services.GetRequiredService(type);
        type.GetMethod("RecordRateLimited")!.Invoke(metrics, null);

        Assert.Equal(1, measurements.Sum("skillmatrix.graphql.rate_limited"));
    }

    [Fact]
    public async Task Metrics_answers_prometheus_text_when_enabled()
    {
        await Host.Anonymous().PostTracedAsync("""query Costly { role(slug: "backend-developer-python") { name } }""", "Costly");

        using var response = await Host.Anonymous().GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("# TYPE skillmatrix_graphql_requests_total counter", text, StringComparison.Ordinal);
        Assert.Contains("skillmatrix_graphql_duration_seconds_bucket", text, StringComparison.Ordinal);
        Assert.Contains("skillmatrix_graphql_cost_total", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Console_logs_are_json_outside_development()
    {
        var console = Host.Services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue;

        Assert.Equal(ConsoleFormatterNames.Json, console.FormatterName);
    }

    private async Task<byte[]> PostBytesAsync(string query)
    {
        using var response = await Host.Anonymous().PostAsJsonAsync("/graphql", new { query });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsByteArrayAsync();
    }

    /// <summary>Measurements of this host's instruments only: other hosts of the test run have meters of the same name.</summary>
    private sealed class Measurements : IDisposable
    {
        private readonly MeterListener listener = new();
        private readonly ConcurrentQueue<(string Instrument, double Value, IReadOnlyDictionary<string, object?> Tags)> recorded = new();

        public Measurements(IMeterFactory scope)
        {
            listener.InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == "SkillMatrix.GraphQL" && ReferenceEquals(instrument.Meter.Scope, scope))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            };
            listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
            listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
            listener.Start();
        }

        public IReadOnlyList<(string Instrument, double Value, IReadOnlyDictionary<string, object?> Tags)> Of(string instrument) =>
            recorded.Where(m => m.Instrument == instrument).ToList();

        public double Sum(string instrument, string? operationType = null) =>
            Of(instrument).Where(m => operationType is null || Equals(m.Tags["graphql.operation.type"], operationType)).Sum(m => m.Value);

        public void Dispose() => listener.Dispose();

        private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var map = new Dictionary<string, object?>();
            foreach (var tag in tags)
            {
                map[tag.Key] = tag.Value;
            }

            recorded.Enqueue((instrument.Name, value, map));
        }
    }
}

/// <summary>
/// A host without Prometheus, with the JSON console switched off and an OTLP exporter towards a collector that is not
/// there (export failures must cost the requests nothing).
/// </summary>
public sealed class TelemetryConfigurationTests(TelemetryConfigurationTests.OtlpWithoutCollector fixture)
    : IClassFixture<TelemetryConfigurationTests.OtlpWithoutCollector>
{
    public sealed class OtlpWithoutCollector() : HostFixture(builder => builder
        .WithSetting("Logging:Json", "false")
        .WithSetting("Telemetry:Otlp:Endpoint", "http://127.0.0.1:9")
        .WithSetting("Telemetry:Otlp:Protocol", "http/protobuf"));

    private TestHost Host => fixture.Host;

    [Fact]
    public async Task Queries_are_answered_with_an_otlp_exporter_and_no_collector()
    {
        var data = await Host.Anonymous().QueryDataAsync("""{ role(slug: "backend-developer-python") { name } }""");

        Assert.Equal("Backend Developer (Python)", (string?)data["role"]!["name"]);
    }

    [Fact]
    public void An_otlp_endpoint_turns_tracing_on() =>
        Assert.NotNull(Host.Services.GetService<OpenTelemetry.Trace.TracerProvider>());

    [Fact]
    public async Task Metrics_is_not_found_when_prometheus_is_not_enabled()
    {
        using var response = await Host.Anonymous().GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public void Logging_json_false_keeps_the_plain_console()
    {
        var console = Host.Services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue;

        Assert.NotEqual(ConsoleFormatterNames.Json, console.FormatterName);
    }
}
