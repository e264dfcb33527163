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
