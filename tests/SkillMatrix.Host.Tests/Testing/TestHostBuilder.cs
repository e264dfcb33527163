using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Platform.Data.Schema;

namespace SkillMatrix.Host.Tests.Testing;

/// <summary>
/// How a <see cref="TestHost"/> differs from the Host as an operator starts it. Settings given later win, as they would
/// in configuration; everything else adds up.
/// </summary>
public sealed class TestHostBuilder
{
    private readonly Dictionary<string, string> settings = [];
    private readonly List<Action<IServiceCollection>> services = [];
    private readonly List<Func<TestHost, Task>> seeds = [];

    internal TestHostBuilder()
    {
    }

    internal IReadOnlyDictionary<string, string> Settings => settings;

    internal IReadOnlyList<Action<IServiceCollection>> Services => services;

    internal IReadOnlyList<Func<TestHost, Task>> Seeds => seeds;

    internal bool CaptureTelemetry { get; private set; }

    internal bool CaptureSpans { get; private set; }

    internal bool Kestrel { get; private set; }

    internal bool PostgreSql { get; private set; }

    /// <summary>A PostgreSQL database the host shares with others, made and dropped by the test, not by the host.</summary>
    internal string? SharedPostgreSqlDatabase { get; private set; }

    public TestHostBuilder WithSetting(string key, string value)
    {
        settings[key] = value;
        return this;
    }

    public TestHostBuilder WithSettings(IEnumerable<KeyValuePair<string, string>> values)
    {
        foreach (var (key, value) in values)
        {
            settings[key] = value;
        }

        return this;
    }

    /// <summary>Local sign-in with the test's signing key, so that <see cref="TestHost.SignedInAs"/> and its kin work.</summary>
    public TestHostBuilder WithSignIn() => WithSettings(TestAuth.Settings);

    /// <summary>The test-only root fields <c>viewer</c>, <c>viewerName</c>, <c>viewerRoles</c> and <c>expertProbe</c>.</summary>
    public TestHostBuilder WithViewerFields() => WithSchemaSlice<ViewerTestSlice>();

    public TestHostBuilder WithCostLimit(int maxQueryCost) => WithSetting("GraphQL:Cost:MaxQueryCost", $"{maxQueryCost}");

    public TestHostBuilder WithRateLimit(int pointsPerMinute) => WithSetting("GraphQL:RateLimit:PointsPerMinute", $"{pointsPerMinute}");

    public TestHostBuilder WithExecutionTimeout(TimeSpan timeout) => WithSetting("GraphQL:ExecutionTimeout", timeout.ToString("c"));

    public TestHostBuilder WithSchemaSlice<TSlice>()
        where TSlice : class, ISchemaSlice =>
        WithServices(collection => collection.AddSchemaSlice<TSlice>());

    public TestHostBuilder WithInterceptor(IInterceptor interceptor) => WithServices(collection => collection.AddSingleton(interceptor));

    public TestHostBuilder WithServices(Action<IServiceCollection> configure)
    {
        services.Add(configure);
        return this;
    }

    /// <summary>
    /// A log capture, Prometheus on and, with <paramref name="spans"/>, tracing on with an in-memory span exporter: read
    /// them through <see cref="TestHost.Telemetry"/>. Without it the host records no spans, as with no OTLP endpoint.
    /// </summary>
    public TestHostBuilder WithTelemetry(bool spans = true)
    {
        CaptureTelemetry = true;
        CaptureSpans = spans;
        return this;
    }

    /// <summary>Serves on Kestrel at 127.0.0.1 on a port the OS picks, for clients that need a real socket.</summary>
    public TestHostBuilder OnKestrel()
    {
        Kestrel = true;
        return this;
    }

    /// <summary>
    /// On PostgreSQL (<c>Database:Provider</c>), in a database of its own on the server <see cref="TestPostgres"/> names,
    /// instead of a SQLite file.
    /// </summary>
    public TestHostBuilder OnPostgreSql()
    {
        PostgreSql = true;
        return this;
    }

    /// <summary>On the PostgreSQL database <paramref name="connectionString"/>, which several hosts may share (replicas).</summary>
    public TestHostBuilder OnPostgreSql(string connectionString)
    {
        PostgreSql = true;
        SharedPostgreSqlDatabase = connectionString;
        return this;
    }

    /// <summary>Data added once the Host has started (migrated and seeded), before any test sees it.</summary>
    public TestHostBuilder Seeded(Func<TestHost, Task> seed)
    {
        seeds.Add(seed);
        return this;
    }

    public Task<TestHost> BuildAsync() => TestHost.BuildAsync(this);
}
