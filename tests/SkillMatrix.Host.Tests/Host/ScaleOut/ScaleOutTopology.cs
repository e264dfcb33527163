using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using SkillMatrix.Host.Tests.Host.Cli;

namespace SkillMatrix.Host.Tests.Host.ScaleOut;

/// <summary>
/// The README's topology, started by its own script (<c>scripts/scale-out.sh start</c>): HAProxy on loopback in front
/// of two replicas of the built Host, each a child process, on a fresh database of the test PostgreSQL server and the
/// test Redis. Local sign-in with the test key; a review threshold no test reaches; a rate limit of
/// <see cref="PointsPerMinute"/> per client, which only the rate-limit test spends.
/// </summary>
public sealed class ScaleOutTopology : IAsyncLifetime
{
    public const int PointsPerMinute = 5000;

    /// <summary>The address HAProxy connects to the replicas from (the script's), the one known proxy.</summary>
    public const string ProxyAddress = "127.0.0.3";

    private readonly string database = TestPostgres.CreateDatabase();
    private readonly string folder = Path.Combine(Path.GetTempPath(), $"skillmatrix-scale-out-{Guid.NewGuid():N}");
    private readonly int port = FreePortRun();

    public Uri Proxy => new($"http://127.0.0.1:{port}");

    public Uri Replica(int n) => new($"http://127.0.0.1:{port + n}");

    public string ConnectionString => database;

    public static string Script => Path.Combine(RepositoryRoot(), "scripts", "scale-out.sh");

    public Task InitializeAsync() => RunScriptAsync("start");

    public Task StartReplicaAsync(int n) => RunScriptAsync("replica", $"{n}");

    /// <summary>SIGKILL: no shutdown code runs in the replica.</summary>
    public void KillReplica(int n)
    {
        var pid = int.Parse(File.ReadAllText(Path.Combine(folder, $"replica-{n}.pid")).Trim(), CultureInfo.InvariantCulture);
        using var process = Process.GetProcessById(pid);
        process.Kill();
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(15)), $"replica {n} (pid {pid}) still runs 15 s after SIGKILL");
    }

    public string ReplicaLog(int n) => File.ReadAllText(Path.Combine(folder, $"replica-{n}.log"));

    /// <summary>
    /// A client whose connections come from <paramref name="localAddress"/> (any 127.x.y.z is this machine), so that
    /// the replicas can tell one test client from another and from the proxy.
    /// </summary>
    public static HttpClient Client(Uri baseAddress, string localAddress = "127.0.0.1") =>
        new(new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromSeconds(30),
            MaxConnectionsPerServer = 16,
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(IPAddress.Parse(localAddress), 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };

    public string IssueToken(string subject, bool expert = false) =>
        expert ? TestAuth.LocalIssuer.Issue(subject, subject, [SkillMatrix.Community.CommunityModule.ExpertRole]).Token : TestAuth.LocalIssuer.Issue(subject, subject, []).Token;

    public Task<long> ScalarAsync(string sql, params (string Name, object Value)[] parameters) => TestPostgres.ScalarAsync(database, sql, parameters);

    public async Task DisposeAsync()
    {
        await RunScriptAsync("stop");
        TestPostgres.DropDatabase(database);
    }

    private async Task RunScriptAsync(params string[] arguments)
    {
        var environment = new Dictionary<string, string>(TestAuth.Environment())
        {
            ["SCALE_OUT_DIR"] = folder,
            ["SCALE_OUT_HOST"] = AppContext.BaseDirectory,
            ["SCALE_OUT_POSTGRES"] = database,
            ["SCALE_OUT_REDIS"] = Environment.GetEnvironmentVariable("SKILLMATRIX_TEST_REDIS") ?? "",
            ["SCALE_OUT_PORT"] = port.ToString(CultureInfo.InvariantCulture),
            ["ASPNETCORE_ENVIRONMENT"] = "Testing",
            ["GraphQL__RateLimit__PointsPerMinute"] = $"{PointsPerMinute}",
            ["Community__ReviewThreshold"] = "1000",
        };
        var result = await ChildProcess.RunAsync("bash", [Script, .. arguments], RepositoryRoot(), environment, TimeSpan.FromMinutes(4),
            "bash runs scripts/scale-out.sh; it needs haproxy (Debian's haproxy package, which ./test.sh installs).");
        Assert.True(result.ExitCode == 0, result.ToString() + (File.Exists(Path.Combine(folder, "replica-1.log")) ? "\n" + ReplicaLog(1) : ""));
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "scripts", "scale-out.sh")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No scripts/scale-out.sh above {AppContext.BaseDirectory}.");
    }

    // Three free ports in a row: the proxy's and the two replicas' (the script puts them at port + 1 and port + 2).
    private static int FreePortRun()
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var start = Random.Shared.Next(20000, 40000);
            if (Enumerable.Range(start, 3).All(Free))
            {
                return start;
            }
        }

        throw new InvalidOperationException("No three free loopback ports in a row.");
    }

    private static bool Free(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
