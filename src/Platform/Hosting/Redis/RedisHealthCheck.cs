using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Platform.Hosting.Redis;

/// <summary>
/// Ready includes Redis when it is configured: the replicas' shared budgets are missing without it (each request is
/// then served unlimited, see <see cref="RedisRateLimitBuckets"/>), which an orchestrator or an operator should see.
/// </summary>
internal sealed class RedisHealthCheck(SharedRedis redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var database = await redis.DatabaseAsync().WaitAsync(cancellationToken);
            await database.PingAsync().WaitAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"Redis at {redis.Endpoints} does not answer.", exception);
        }
    }
}
