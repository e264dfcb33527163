using StackExchange.Redis;

namespace SkillMatrix.Tests.Shared;

/// <summary>
/// The Redis server the tests run on, named by <see cref="Variable"/> (host:port; ./test.sh starts one and sets it).
/// No server is a failure that says how to get one, never a skipped test: a suite that passes without its Redis has
/// proved nothing about what replicas share. Shared (as a linked file) by the two test projects that use Redis.
/// </summary>
internal static class TestRedis
{
    public const string Variable = "SKILLMATRIX_TEST_REDIS";

    private const string Help = $"Redis tests need a Redis server: run ./test.sh at the repository's root (it installs the Debian package " +
        $"redis-server if missing and starts a throwaway server), or start one (redis-server --port 6380 --save '' --appendonly no " +
        $"--daemonize yes) and set {Variable}=127.0.0.1:6380.";

    private static readonly Lazy<ConnectionMultiplexer> Connection = new(() =>
    {
        var connection = ConnectionMultiplexer.Connect(new ConfigurationOptions { EndPoints = { Configuration }, AbortOnConnectFail = false, ConnectTimeout = 2000 });
        Assert.True(connection.IsConnected, $"{Variable} is {Configuration}, but no Redis answers there. {Help}");
        return connection;
    });

    /// <summary>The StackExchange.Redis configuration string of the test server, as <c>Redis:Configuration</c> takes it.</summary>
    public static string Configuration
    {
        get
        {
            var value = Environment.GetEnvironmentVariable(Variable);
            Assert.False(string.IsNullOrWhiteSpace(value), $"{Variable} is not set. {Help}");
            return value!.Trim();
        }
    }

    /// <summary>The test server itself, to read what the Host wrote.</summary>
    public static IDatabase Database => Connection.Value.GetDatabase();

    /// <summary>
    /// A redis-server of the test's own on a free loopback port (the Debian package's binary, as ./test.sh installs it),
    /// for a test that stops Redis under a running Host and starts it again on the same port.
    /// </summary>
    public static OwnServer StartOwnServer() => new(Unreachable());

    internal sealed class OwnServer : IDisposable
    {
        private System.Diagnostics.Process? process;

        public OwnServer(string address)
        {
            Address = address;
            Start();
        }

        public string Address { get; }

        public void Start()
        {
            var port = Address[(Address.LastIndexOf(':') + 1)..];
            try
            {
                process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("redis-server",
                    ["--bind", "127.0.0.1", "--port", port, "--save", "", "--appendonly", "no"])
                {
                    RedirectStandardOutput = true,
                    UseShellExecute = false,
                })!;
            }
            catch (System.ComponentModel.Win32Exception exception)
            {
                throw new InvalidOperationException($"redis-server is not on PATH. {Help}", exception);
            }

            process.BeginOutputReadLine();
            using var client = ConnectionMultiplexer.Connect(new ConfigurationOptions { EndPoints = { Address }, AbortOnConnectFail = false, ConnectRetry = 20 });
            for (var i = 0; i < 50 && !client.IsConnected; i++)
            {
                Thread.Sleep(100);
            }

            Assert.True(client.IsConnected, $"The test's own redis-server on {Address} did not start.");
        }

        /// <summary>Kills the server, as a crash or a lost network would take it away.</summary>
        public void Stop()
        {
            if (process is { HasExited: false })
            {
                process.Kill();
                process.WaitForExit();
            }

            process?.Dispose();
            process = null;
        }

        public void Dispose() => Stop();
    }

    /// <summary>A loopback port where nothing listens: a Redis that is down.</summary>
    public static string Unreachable()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return $"127.0.0.1:{port}";
    }
}
