using System.Globalization;

namespace SkillMatrix.Bench;

/// <summary>What one invocation measures. Small defaults, so that a first run on a laptop takes about a minute.</summary>
internal sealed record BenchOptions
{
    public int Clients { get; init; } = 4;
    public double Seconds { get; init; } = 5;
    public double Warmup { get; init; } = 1;
    public int Runs { get; init; } = 1;
    /// <summary>By default beside the built bench, so that a run leaves no file in the working tree.</summary>
    public string Output { get; init; } = Path.Combine(AppContext.BaseDirectory, "bench-results.json");
    public int Roles { get; init; } = 50;
    public int Skills { get; init; } = 150;

    /// <summary>Scenario keys to run (the baseline always runs); empty: all of them.</summary>
    public IReadOnlyList<string> Only { get; init; } = [];

    /// <summary>
    /// Levels of the GraphQL log category to measure every scenario at, one row each, in the same process; empty: the
    /// category stays at Error like the rest of the Host's logs.
    /// </summary>
    public IReadOnlyList<string> LogLevels { get; init; } = [];

    /// <summary>Null with the usage printed when the arguments ask for help or are wrong.</summary>
    public static BenchOptions? Parse(string[] args)
    {
        var options = new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (name is "-h" or "--help" or "-?")
            {
                PrintUsage(Console.Out);
                return null;
            }

            if (i + 1 >= args.Length)
            {
                return Refuse($"{name} needs a value.");
            }

            var value = args[++i];
            try
            {
                options = name switch
                {
                    "--clients" => options with { Clients = Positive(int.Parse(value, CultureInfo.InvariantCulture)) },
                    "--seconds" => options with { Seconds = Positive(double.Parse(value, CultureInfo.InvariantCulture)) },
                    "--warmup" => options with { Warmup = NotNegative(double.Parse(value, CultureInfo.InvariantCulture)) },
                    "--runs" => options with { Runs = Positive(int.Parse(value, CultureInfo.InvariantCulture)) },
                    "--output" => options with { Output = value },
                    "--roles" => options with { Roles = Positive(int.Parse(value, CultureInfo.InvariantCulture)) },
                    "--skills" => options with { Skills = Positive(int.Parse(value, CultureInfo.InvariantCulture)) },
                    "--only" => options with { Only = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) },
                    "--log-levels" => options with { LogLevels = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(LogLevel).ToList() },
                    _ => throw new FormatException($"unknown option {name}"),
                };
            }
            catch (Exception ex) when (ex is FormatException or OverflowException or ArgumentOutOfRangeException)
            {
                return Refuse($"{name} {value}: {ex.Message}");
            }
        }

        return options;
    }

    private static T Positive<T>(T value) where T : System.Numerics.INumber<T> =>
        value > T.Zero ? value : throw new ArgumentOutOfRangeException(nameof(value), "must be positive");

    private static T NotNegative<T>(T value) where T : System.Numerics.INumber<T> =>
        value >= T.Zero ? value : throw new ArgumentOutOfRangeException(nameof(value), "must not be negative");

    private static string LogLevel(string value) =>
        Enum.TryParse<Microsoft.Extensions.Logging.LogLevel>(value, ignoreCase: true, out var level) && Enum.IsDefined(level)
            ? level.ToString()
            : throw new FormatException($"{value} is not a log level (Trace, Debug, Information, Warning, Error, Critical, None)");

    private static BenchOptions? Refuse(string message)
    {
        Console.Error.WriteLine(message);
        PrintUsage(Console.Error);
        Environment.ExitCode = 2;
        return null;
    }

    private static void PrintUsage(TextWriter writer) => writer.WriteLine("""
        dotnet run -c Release --project bench/SkillMatrix.Bench -- [options]

          --clients N     concurrent closed-loop clients per scenario (default 4)
          --seconds T     measured seconds per scenario (default 5)
          --warmup W      unmeasured seconds per scenario before it is measured (default 1)
          --runs R        consecutive runs of every scenario; the heap is printed after each (default 1)
          --output FILE   where the JSON goes (default bench-results.json beside the built bench)
          --roles N       synthetic roles (default 50)
          --skills N      synthetic skills, each required by every synthetic role at all 5 levels (default 150)
          --only K1,K2    only these scenarios (keys: matrix roles-page skill-search requirements-page-1
                          requirements-page-500 estimate-grade vote); the baseline always runs
          --log-levels L1,L2
                          measure each scenario once per level of the GraphQL log category (e.g.
                          Information,Warning), one row each, in reverse order every other run; the
                          Host's JSON console lines go to a temporary file and are counted (log B/req).
                          Default: Error, like the rest

        dotnet run -c Release --project bench/SkillMatrix.Bench -- subscriptions [--subscribers N] [--votes M] [--timeout S] [--host-dll PATH]

          live events instead: the Release Host in a process of its own, N graphql-ws subscribers (default 1000)
          to proposalChanged of one role, a burst of M votes (default 100) sent at once; latency from each
          vote's answer to each event's receipt (p50, p99), events delivered / expected, the Host's working set
        """);
}
