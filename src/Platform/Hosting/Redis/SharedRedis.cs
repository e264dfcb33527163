using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace Platform.Hosting.Redis;

/// <summary>
/// The one connection to the Redis the replicas share (<c>Redis:Configuration</c>, a StackExchange.Redis configuration
/// string), made on first use and kept: StackExchange.Redis multiplexes every caller over it and reconnects by itself.
/// Not configured: nothing is shared and nothing connects. As a hosted service it connects at start-up, so that no
/// request waits for the first connection (up to its connect timeout, 5 s by default, when Redis is down); a Redis that
/// is down does not stop the start.
/// </summary>
internal sealed class SharedRedis : IHostedService, IAsyncDisposable
{
    private readonly ConfigurationOptions? options;
    private readonly Lazy<Task<ConnectionMultiplexer>> connection;

    public SharedRedis(string? configuration, string keyPrefix)
    {
        KeyPrefix = keyPrefix;
        if (string.IsNullOrWhiteSpace(configuration))
        {
            connection = new(() => Task.FromException<ConnectionMultiplexer>(new InvalidOperationException($"{RedisExtensions.ConfigurationKey} is not set.")));
            return;
        }

        options = ConfigurationOptions.Parse(configuration);
        // A Redis that is down at start-up must not stop the process: the rate limiter serves without it and
        // /health/ready says so, while the multiplexer keeps trying in the background.
        options.AbortOnConnectFail = false;
        // While disconnected, a command fails at once instead of waiting in a backlog for the connection: the rate
        // limiter then serves the request (fail-open) without holding it for the command timeout.
        options.BacklogPolicy = BacklogPolicy.FailFast;
        Endpoints = string.Join(", ", options.EndPoints.Select(e => e.ToString()));
        connection = new(() => ConnectionMultiplexer.ConnectAsync(options), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public bool IsConfigured => options is not null;

    /// <summary>Where Redis is, for messages: the configured endpoints, never the password.</summary>
    public string Endpoints { get; } = "";

    /// <summary>What every key starts with, so that one Redis can serve other applications (and other products) too.</summary>
    public string KeyPrefix { get; }

    public async Task<IDatabase> DatabaseAsync() => (await connection.Value.ConfigureAwait(false)).GetDatabase();

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (IsConfigured)
        {
            await connection.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (connection.IsValueCreated && connection.Value.IsCompletedSuccessfully)
        {
            await connection.Value.Result.DisposeAsync().ConfigureAwait(false);
        }
    }
}
