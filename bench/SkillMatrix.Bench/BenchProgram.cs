using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SkillMatrix.Host;

namespace SkillMatrix.Bench;

/// <summary>
/// <c>dotnet run -c Release --project bench/SkillMatrix.Bench -- --clients 4 --seconds 5 --runs 3</c>: the real Host on a
/// temporary database with a large synthetic catalog, on loopback, driven scenario by scenario by closed-loop clients.
/// <c>... -- subscriptions</c>: the live-events benchmark instead (<see cref="SubscriptionBench"/>).
/// </summary>
internal static class BenchProgram
{
    public static async Task<int> Main(string[] args)
    {
        if (args is ["subscriptions", .. var rest])
        {
            // Live events: 1,000 graphql-ws subscribers and a burst of votes against the Host in a process of its own.
            return await SubscriptionBench.RunAsync(rest);
        }

        var options = BenchOptions.Parse(args);
        if (options is null)
        {
            return Environment.ExitCode;
        }

        if (!IsOptimized())
        {
            Console.Error.WriteLine("warning: a Debug build; run with -c Release for figures worth comparing.");
        }

        var databasePath = Path.Combine(Path.GetTempPath(), $"skillmatrix-bench-{Guid.NewGuid():N}.db");
        var connectionString = new SqliteConnectionStringBuilder { DataSource = databasePath }.ToString();
        try
        {
            return await RunAsync(options, connectionString);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(databasePath + suffix);
            }
        }
    }

    private static async Task<int> RunAsync(BenchOptions options, string connectionString)
    {
        var statements = new SqlStatementCounter();
        using var logs = new LogCapture();
        var logLevel = new LogLevelSwitch(GraphQLLogCategory);
        var console = Console.Out;
        WebApplication app;
        Console.SetOut(logs); // the Host's console logger takes this writer when it is created, during Build
        using (var hook = new HostBuildingHook(services => services.AddSingleton<IInterceptor>(statements)))
        {
            app = SkillMatrixHost.Build(
            [
                "--environment=Production",
                "--urls=http://127.0.0.1:0",
                $"--ConnectionStrings:SkillMatrix={connectionString}",
                // Local sign-in for the vote scenario: a key made for this run, never written anywhere.
                $"--Auth:SigningKey={Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48))}",
                "--Auth:Issuer=skillmatrix-bench",
                "--Auth:Audience=skillmatrix-bench",
                // The load generator is one client spending far more than a member's minute of points; the limiter
                // is measured by its own tests, not here.
                "--GraphQL:RateLimit:Enabled=false",
                // Errors only: the Host's warnings (EF Core's query-splitting one, the seed page's duplicate) would break up the table.
                "--Logging:LogLevel:Default=Error",
                "--Logging:LogLevel:Microsoft.AspNetCore=Error",
                "--Logging:LogLevel:Microsoft.EntityFrameworkCore=Error",
            ]);
            Console.SetOut(console);
            if (!hook.Applied)
            {
                Console.Error.WriteLine("The statement counter could not be added to the Host's container; SQL/req would be wrong.");
                return 1;
            }
        }

        await using var _ = app;
        ((IConfigurationBuilder)app.Configuration).Add(logLevel);
        var levels = options.LogLevels.Count == 0 ? [(string?)null] : options.LogLevels.Select(level => (string?)level).ToList();
        BaselineMatrixEndpoint.Map(app, connectionString);
        var setup = Stopwatch.StartNew();
        await app.StartAsync(); // migrates and imports seeds/, as a first start does
        var catalog = SyntheticCatalog.Write(connectionString, options.Roles, options.Skills);
        Console.WriteLine(F($"catalog: {options.Roles} synthetic roles x {options.Skills} skills x 5 levels = {catalog.RequirementCount:N0} requirements (plus seeds/), written in {setup.Elapsed.TotalSeconds:F1} s"));

        using var http = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = int.MaxValue,
            UseCookies = false,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        })
        {
            BaseAddress = new Uri(app.Urls.First()),
            Timeout = TimeSpan.FromSeconds(60),
        };
        http.DefaultRequestHeaders.Accept.ParseAdd("application/json");

        if (await Scenarios.CompareBaselineAsync(http, catalog.RoleSlugs[0]) is { } difference)
        {
            Console.Error.WriteLine("The baseline does not answer what scenario 1 answers:\n" + difference);
            return 1;
        }

        var scenarios = (await Scenarios.PrepareAsync(http, app.Services, catalog, options.Clients))
            .Where(s => s.IsBaseline || options.Only.Count == 0 || options.Only.Contains(s.Key)).ToList();
        Console.WriteLine(F($"setup: {setup.Elapsed.TotalSeconds:F1} s; {options.Clients} clients, {options.Warmup:0.#} s warm-up + {options.Seconds:0.#} s per scenario, {options.Runs} run(s)"));

        var load = new LoadGenerator(http, () => statements.Count + BaselineMatrixEndpoint.Statements, () => logs.Bytes);
        var runs = new List<RunResult>();
        for (var run = 1; run <= options.Runs; run++)
        {
            var rows = new List<ScenarioResult>();
            double baseline = 0;
            foreach (var scenario in scenarios)
            {
                // The baseline logs nothing whatever the level: measured once. Every other run takes the levels in
                // reverse, so that neither level is always the one measured right after another scenario.
                foreach (var level in scenario.IsBaseline ? [null] : run % 2 == 1 ? levels : levels.AsEnumerable().Reverse())
                {
                    logLevel.Set(level ?? "Error");
                    if (options.Warmup > 0)
                    {
                        await load.RunAsync(scenario.Request, options.Clients, TimeSpan.FromSeconds(options.Warmup));
                    }

                    var measurement = await load.RunAsync(scenario.Request, options.Clients, TimeSpan.FromSeconds(options.Seconds));
                    baseline = scenario.IsBaseline ? measurement.RequestsPerSecond : baseline;
                    var row = Report.Row(scenario, measurement, baseline, level);
                    rows.Add(row);
                    Console.WriteLine(F($"  run {run}: {row.Scenario,-62} {row.RequestsPerSecond,8:N0} req/s  p50 {row.P50Ms,7:F2} ms  p99 {row.P99Ms,7:F2} ms  log {row.LogBytesPerRequest,5:N0} B/req  failed {row.Failed}"));
                }
            }

            // What stays after a run: full blocking collection first, so that the figure is live data, not garbage.
            var heap = GC.GetTotalMemory(forceFullCollection: true);
            using var process = Process.GetCurrentProcess();
            runs.Add(new RunResult(run, rows, heap, process.WorkingSet64));
            Console.WriteLine(F($"  run {run}: managed heap after the run {heap / 1048576.0:F1} MB, working set {process.WorkingSet64 / 1048576.0:F1} MB"));
        }

        await app.StopAsync();

        var machine = Machine.Current();
        var targets = Report.Targets(runs);
        Console.WriteLine();
        Console.WriteLine(F($"SkillMatrix benchmark, run {runs.Count} of {runs.Count}: {options.Clients} clients, {options.Seconds:0.#} s per scenario; {machine.Cpu}, {machine.LogicalCores} logical cores, {machine.Runtime}, {machine.Gc} GC"));
        Console.WriteLine();
        Console.Write(Report.Table(runs[^1].Scenarios));
        Console.WriteLine();
        Console.WriteLine("Managed heap after each run: " + string.Join(", ", runs.Select(r => F($"{r.ManagedHeapBytesAfter / 1048576.0:F1} MB"))));
        foreach (var target in targets)
        {
            var verdict = target.Met switch { true => "met", false => "MISSED", null => "not judged" };
            Console.WriteLine($"Target {target.Name} ({target.Rule}): {target.Observed}: {verdict}");
        }

        Console.WriteLine();
        Console.WriteLine(Report.Notes);

        await Report.WriteJsonAsync(options.Output, new BenchReport(
            DateTimeOffset.UtcNow, machine, options, options.Roles, options.Skills, catalog.RequirementCount, runs, targets, Report.Notes));
        Console.WriteLine($"Written: {Path.GetFullPath(options.Output)}");
        return runs.SelectMany(r => r.Scenarios).Any(s => s.Failed > 0) ? 3 : 0;
    }

    /// <summary>The Host's GraphQL log category (its product name's), whose per-operation line <c>--log-levels</c> measures.</summary>
    private const string GraphQLLogCategory = "SkillMatrix.GraphQL";

    private static bool IsOptimized() =>
        typeof(BenchProgram).Assembly.GetCustomAttributes(typeof(DebuggableAttribute), false) is not [DebuggableAttribute { IsJITOptimizerDisabled: true }];

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
