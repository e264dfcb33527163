using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SkillMatrix.Bench;

internal sealed record ScenarioResult(
    string Key, string Scenario, long Requests, long Failed, double RequestsPerSecond, double P50Ms, double P99Ms,
    double SqlPerRequest, double AllocatedBytesPerRequest, double RatioToBaseline, double LogBytesPerRequest, string? LogLevel = null);

internal sealed record RunResult(int Run, IReadOnlyList<ScenarioResult> Scenarios, long ManagedHeapBytesAfter, long WorkingSetBytesAfter);

internal sealed record Machine(string Os, string Cpu, int LogicalCores, string Runtime, string Gc)
{
    public static Machine Current() => new(
        RuntimeInformation.OSDescription,
        CpuModel(),
        Environment.ProcessorCount,
        RuntimeInformation.FrameworkDescription,
        System.Runtime.GCSettings.IsServerGC ? "server" : "workstation");

    private static string CpuModel()
    {
        try
        {
            var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            if (line is not null)
            {
                return line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return RuntimeInformation.ProcessArchitecture.ToString();
    }
}

internal sealed record Target(string Name, string Rule, string Observed, bool? Met);

internal sealed record BenchReport(
    DateTimeOffset At, Machine Machine, BenchOptions Options, int Roles, int Skills, int SyntheticRequirements,
    IReadOnlyList<RunResult> Runs, IReadOnlyList<Target> Targets, string Notes);

internal static class Report
{
    public const string Notes =
        "Client and server share one process and its cores. Allocated bytes per request are GC.GetTotalAllocatedBytes " +
        "over the measured window divided by requests, so they include the in-process HTTP client's allocations " +
        "(the same client for every row, the baseline included). SQL per request counts EF Core commands (an IInterceptor " +
        "in the Host's container) plus the baseline's own ADO.NET commands. p50/p99 are per-request latencies seen by the clients.";

    public static ScenarioResult Row(Scenario scenario, Measurement measurement, double baselineRequestsPerSecond, string? logLevel = null) => new(
        scenario.Key, logLevel is null ? scenario.Title : $"{scenario.Title} (log {logLevel})", measurement.Requests, measurement.Failed, measurement.RequestsPerSecond,
        measurement.Percentile(0.50), measurement.Percentile(0.99),
        measurement.Requests == 0 ? 0 : (double)measurement.SqlStatements / measurement.Requests,
        measurement.Requests == 0 ? 0 : (double)measurement.AllocatedBytes / measurement.Requests,
        baselineRequestsPerSecond > 0 ? measurement.RequestsPerSecond / baselineRequestsPerSecond : double.NaN,
        measurement.Requests == 0 ? 0 : (double)measurement.LogBytes / measurement.Requests, logLevel);

    public static string Table(IReadOnlyList<ScenarioResult> rows)
    {
        var text = new StringBuilder();
        text.AppendLine("| scenario | req/s | p50 ms | p99 ms | SQL/req | alloc KB/req | vs baseline | log B/req | failed |");
        text.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var row in rows)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {row.Scenario} | {row.RequestsPerSecond:N0} | {row.P50Ms:F2} | {row.P99Ms:F2} | {row.SqlPerRequest:F2} | {row.AllocatedBytesPerRequest / 1024:N1} | {row.RatioToBaseline:F2}x | {row.LogBytesPerRequest:N0} | {row.Failed} |");
        }

        return text.ToString();
    }

    /// <summary>The targets, judged on the last run (and on all runs for memory); reported, never asserted.</summary>
    public static IReadOnlyList<Target> Targets(IReadOnlyList<RunResult> runs)
    {
        var last = runs[^1].Scenarios;
        var targets = new List<Target>();
        if (last.FirstOrDefault(r => r.Key == "matrix") is { } matrix)
        {
            targets.Add(new("scenario 1 vs baseline", "throughput at least 0.5x the baseline's",
                F($"{matrix.RatioToBaseline:F2}x"), matrix.RatioToBaseline >= 0.5));
        }

        if (last.FirstOrDefault(r => r.Key == "requirements-page-1") is { } page1 && last.FirstOrDefault(r => r.Key == "requirements-page-500") is { } page500)
        {
            targets.Add(new("page 500 vs page 1", "page 500's p50 latency at most 1.5x page 1's",
                F($"{page500.P50Ms / page1.P50Ms:F2}x (p50 {page500.P50Ms:F2} vs {page1.P50Ms:F2} ms; req/s {page500.RequestsPerSecond:N0} vs {page1.RequestsPerSecond:N0})"),
                page500.P50Ms <= 1.5 * page1.P50Ms));
        }

        // Measured at several levels of the GraphQL log category: what the per-operation line costs, as the mean over
        // every run (the bench alternates which level goes first), the first level given against the last.
        foreach (var rows in runs.SelectMany(r => r.Scenarios).Where(r => r.LogLevel is not null).GroupBy(r => r.Key))
        {
            var byLevel = rows.GroupBy(r => r.LogLevel!).ToList();
            if (byLevel.Count < 2)
            {
                continue;
            }

            var (logged, quiet) = (byLevel[0], byLevel[^1]);
            var ratio = logged.Average(r => r.RequestsPerSecond) / quiet.Average(r => r.RequestsPerSecond);
            targets.Add(new($"log cost, {rows.Key}", $"mean throughput at {logged.Key} at least 0.95x the mean at {quiet.Key}",
                F($"{ratio:F3}x ({logged.Average(r => r.RequestsPerSecond):N0} vs {quiet.Average(r => r.RequestsPerSecond):N0} req/s over {logged.Count()} runs; {logged.Average(r => r.LogBytesPerRequest):N0} vs {quiet.Average(r => r.LogBytesPerRequest):N0} log B/req)"),
                ratio >= 0.95));
        }

        var heaps = string.Join(" / ", runs.Select(r => F($"{r.ManagedHeapBytesAfter / 1048576.0:F1} MB")));
        targets.Add(runs.Count < 3
            ? new("memory across runs", "managed heap after each of three consecutive runs within 10% of the first", F($"{heaps} (needs --runs 3)"), null)
            : new("memory across runs", "managed heap after each of three consecutive runs within 10% of the first", heaps,
                runs.All(r => r.ManagedHeapBytesAfter <= runs[0].ManagedHeapBytesAfter * 1.10)));
        return targets;
    }

    public static async Task WriteJsonAsync(string path, BenchReport report)
    {
        var options = new JsonSerializerOptions
        {
            WriteIndented = true,
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        };
        await using var file = File.Create(path);
        await JsonSerializer.SerializeAsync(file, report, options);
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
