using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using OpenTelemetry.Trace;

namespace SkillMatrix.Host.Tests.Testing;

/// <summary>
/// What a host built <see cref="TestHostBuilder.WithTelemetry"/> exports: every span (through an in-memory exporter;
/// with <paramref name="spans"/>, which turns tracing on) and every log entry, with Prometheus on.
/// </summary>
internal sealed class TelemetryCapture(bool spans)
{
    /// <summary>Every span the host's tracer provider exported; other hosts in the test run add theirs too, so filter by trace.</summary>
    public LockedCollection<Activity> Spans { get; } = new();

    public CapturingLoggerProvider Logs { get; } = new();

    public void Configure(IWebHostBuilder web)
    {
        web.UseSetting("Telemetry:Prometheus:Enabled", "true");
        if (spans)
        {
            web.UseSetting("Telemetry:Tracing:Enabled", "true");
        }
    }

    public void ConfigureServices(IServiceCollection services)
    {
        services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(Spans));
        // With the Host's own JSON console formatter (its options, its scopes), so a test can read the line as written.
        services.AddSingleton<ILoggerProvider>(provider =>
        {
            Logs.Json = provider.GetServices<ConsoleFormatter>().FirstOrDefault(formatter => formatter.Name == ConsoleFormatterNames.Json);
            return Logs;
        });
    }

    /// <summary>
    /// The spans of one trace, once its root (the ASP.NET Core request span, which ends after the response went out)
    /// has been exported.
    /// </summary>
    public async Task<IReadOnlyList<Activity>> TraceAsync(ActivityTraceId traceId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var trace = Spans.Snapshot().Where(span => span.TraceId == traceId).ToList();
            if (trace.Any(span => span.Source.Name == "Microsoft.AspNetCore") || DateTime.UtcNow > deadline)
            {
                return trace;
            }

            await Task.Delay(20);
        }
    }
}

internal static class TracedRequests
{
    /// <summary>POSTs an operation under a trace of the test's own (a traceparent header), so its spans can be told apart.</summary>
    public static async Task<(ActivityTraceId TraceId, string Body)> PostTracedAsync(
        this HttpClient client, string query, string? operationName = null, object? variables = null, string? token = null)
    {
        var traceId = ActivityTraceId.CreateRandom();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = JsonContent.Create(new { query, operationName, variables }),
        };
        request.Headers.Add("traceparent", $"00-{traceId.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"HTTP {(int)response.StatusCode}: {body}");
        return (traceId, body);
    }
}

/// <summary>A collection the exporter may add to from any thread while a test reads it.</summary>
internal sealed class LockedCollection<T> : ICollection<T>
{
    private readonly List<T> items = [];

    public int Count { get { lock (items) { return items.Count; } } }

    public bool IsReadOnly => false;

    public IReadOnlyList<T> Snapshot() { lock (items) { return [.. items]; } }

    public void Add(T item) { lock (items) { items.Add(item); } }

    public void Clear() { lock (items) { items.Clear(); } }

    public bool Contains(T item) { lock (items) { return items.Contains(item); } }

    public void CopyTo(T[] array, int arrayIndex) { lock (items) { items.CopyTo(array, arrayIndex); } }

    public bool Remove(T item) { lock (items) { return items.Remove(item); } }

    public IEnumerator<T> GetEnumerator() => Snapshot().GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>
/// One log entry: its category, its rendered message, its structured values (its scopes' included), the exception attached to it, and the line
/// the Host's JSON console formatter writes for it, scopes included (null when the Host writes no JSON logs).
/// </summary>
internal sealed record CapturedLog(string Category, LogLevel Level, EventId EventId, string Message, IReadOnlyDictionary<string, object?> Values,
    Exception? Exception = null, string? Json = null)
{
    public override string ToString() => $"{Category} [{EventId.Name}] {Message}";
}

/// <summary>Keeps every log entry of every category, with the values of its scopes, as a JSON line or an OTLP record has them.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<CapturedLog> entries = new();
    private IExternalScopeProvider? scopes;

    public IReadOnlyList<CapturedLog> Entries => [.. entries];

    /// <summary>The Host's JSON console formatter, set when the Host's logging is built.</summary>
    public ConsoleFormatter? Json { get; set; }

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, this);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class CapturingLogger(string category, CapturingLoggerProvider provider) : ILogger
    {
        // Scopes are the logger factory's (external), as for the console logger: this logger only reads them.
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state as IEnumerable<KeyValuePair<string, object?>> ?? [];
            var message = formatter(state, exception) + (exception is null ? "" : Environment.NewLine + exception);
            string? json = null;
            if (provider.Json is { } console)
            {
                using var line = new StringWriter();
                console.Write(new LogEntry<TState>(logLevel, category, eventId, state, exception, formatter), provider.scopes, line);
                json = line.ToString();
            }

            // The line's values, then its scopes' (the trace id of the activity, the request's path) where the line has none.
            var all = values.GroupBy(pair => pair.Key).ToDictionary(group => group.Key, group => group.Last().Value);
            provider.scopes?.ForEachScope(static (scope, all) =>
            {
                foreach (var (key, value) in scope as IEnumerable<KeyValuePair<string, object?>> ?? [])
                {
                    all.TryAdd(key, value);
                }
            }, all);
            provider.entries.Enqueue(new CapturedLog(category, logLevel, eventId, message, all, exception, json));
        }
    }
}
