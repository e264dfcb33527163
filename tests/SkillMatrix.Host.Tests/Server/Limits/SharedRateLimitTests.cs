using System.Net;
using SkillMatrix.Tests.Shared;

namespace SkillMatrix.Host.Tests.Server.Limits;

/// <summary>
/// Two replicas of the Host (two test hosts, each on its own database file) with and without one Redis
/// (<c>Redis:Configuration</c> = <see cref="TestRedis.Variable"/>, a real redis-server): with it, a member's requests
/// spend one budget whichever replica answers; without it, each replica has its own; a Redis that is down serves
/// requests and makes ready unhealthy, naming Redis.
/// </summary>
public sealed class SharedRateLimitTests
{
    // Five full matrices (1,843 each) a minute: five pass, and the sixth needs its whole 1,843 points back at 154 a
    // second, 12 s, far longer than even a loaded machine takes to send six.
    private const int Budget = 5 * 1843;
    private const int Affordable = 5;

    private static TestHostBuilder Replica(string? redis = null)
    {
        var builder = TestHost.Start().WithSignIn().WithRateLimit(Budget);
        return redis is null ? builder : builder.WithSetting("Redis:Configuration", redis);
    }

    /// <summary>Sends the full matrix as <paramref name="member"/> to the replicas in turn until one answers 429; returns how many passed, and the refusal.</summary>
    private static async Task<(int Passed, GraphQLReply Refused, TimeSpan Elapsed)> SpendUntilRefusedAsync(string member, params TestHost[] replicas)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var token = replicas[0].IssueToken(member, member);
        var clients = replicas.Select(replica => replica.Anonymous()).ToArray();
        for (var sent = 0; sent < 3 * Affordable * replicas.Length; sent++)
        {
            var reply = await clients[sent % clients.Length].CostedQueryAsync(LimitsTests.FullMatrix, token);
            if (reply.Status == HttpStatusCode.TooManyRequests)
            {
                return (sent, reply, clock.Elapsed);
            }

            reply.AssertNoErrors();
        }

        throw new Xunit.Sdk.XunitException($"No replica refused {member} after {3 * Affordable * replicas.Length} requests.");
    }

    [Fact]
    public async Task Replicas_on_one_Redis_spend_one_budget_per_member()
    {
        await using var alone = await Replica().BuildAsync();
        await using var first = await Replica(TestRedis.Configuration).BuildAsync();
        await using var second = await Replica(TestRedis.Configuration).BuildAsync();

        var (passedAlone, refusedAlone, elapsedAlone) = await SpendUntilRefusedAsync($"alone-{Guid.NewGuid():N}", alone);
        var (passedShared, refusedShared, elapsedShared) = await SpendUntilRefusedAsync($"shared-{Guid.NewGuid():N}", first, second);

        // The 429 comes after the same total, alternating between replicas, as from one host alone.
        Assert.Equal(Affordable, passedAlone);
        Assert.Equal(passedAlone, passedShared);
        refusedShared.AssertRefused(HttpStatusCode.TooManyRequests, "RATE_LIMITED");
        Assert.Equal(1843, (int)refusedShared.Extensions()!["cost"]!);
        Assert.Equal(Budget, (int)refusedShared.Extensions()!["pointsPerMinute"]!);
        // The same Retry-After: the 1,843 points missing at 154 a second, 12 s (the in-process limiter rounds the
        // seconds down to 11), less what was refilled while the requests were sent.
        var retryAlone = refusedAlone.Headers.RetryAfter!.Delta!.Value.TotalSeconds;
        var retryShared = refusedShared.Headers.RetryAfter!.Delta!.Value.TotalSeconds;
        Assert.InRange(retryAlone, 10 - Math.Ceiling(elapsedAlone.TotalSeconds), 12);
        Assert.InRange(retryShared, 10 - Math.Ceiling(elapsedShared.TotalSeconds), 12);
        Assert.Equal((int)retryShared, (int)refusedShared.Extensions()!["retryAfter"]!);
    }

    [Fact]
    public async Task Replicas_without_Redis_each_have_their_own_budget()
    {
        await using var first = await Replica().BuildAsync();
        await using var second = await Replica().BuildAsync();

        var (passed, _, _) = await SpendUntilRefusedAsync($"split-{Guid.NewGuid():N}", first, second);

        Assert.Equal(2 * Affordable, passed);
    }

    [Fact]
    public async Task A_bucket_in_Redis_expires_once_it_would_be_full_again()
    {
        await using var host = await Replica(TestRedis.Configuration).BuildAsync();
        var member = $"ttl-{Guid.NewGuid():N}";

        (await host.Anonymous().CostedQueryAsync(LimitsTests.FullMatrix, host.IssueToken(member, member))).AssertNoErrors();

        // Under the product's prefix; 9,215 points at 154 a second are back in 60 s: kept that long and a second more.
        var key = $"SkillMatrix:rate-limit:member:{member}";
        var ttl = await TestRedis.Database.KeyTimeToLiveAsync(key);
        Assert.NotNull(ttl);
        Assert.InRange(ttl!.Value, TimeSpan.FromSeconds(50), TimeSpan.FromSeconds(61));
        Assert.Equal(Budget - 1843, (long)await TestRedis.Database.HashGetAsync(key, "tokens"));
    }

    [Fact]
    public async Task Ready_checks_Redis_when_it_is_configured()
    {
        await using var host = await Replica(TestRedis.Configuration).BuildAsync();

        using var ready = await host.Anonymous().GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_Redis_that_does_not_answer_serves_requests_and_makes_ready_unhealthy_naming_Redis()
    {
        var address = TestRedis.Unreachable();
        await using var host = await Replica(address + ",connectTimeout=500").WithTelemetry().BuildAsync();
        var client = host.Anonymous();
        var member = $"unlimited-{Guid.NewGuid():N}";
        var token = host.IssueToken(member, member);

        // Fail-open: more than the budget passes, since nothing can count it.
        for (var i = 0; i < Affordable + 2; i++)
        {
            (await client.CostedQueryAsync(LimitsTests.FullMatrix, token)).AssertNoErrors();
        }

        using var ready = await client.GetAsync("/health/ready");
        using var live = await client.GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal(["Unhealthy", $"redis: Unhealthy. Redis at {address} does not answer."], (await ready.Content.ReadAsStringAsync()).Split('\n'));
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        // Each request served without the shared limit is counted, and the log says so once, not once a request.
        using var metrics = await client.GetAsync("/metrics");
        Assert.Matches(@"(?m)^skillmatrix_graphql_rate_limit_store_unavailable_total(\{[^}]*\})? 7( |$)", await metrics.Content.ReadAsStringAsync());
        Assert.Single(host.Telemetry.Logs.Entries, entry => entry.Level == Microsoft.Extensions.Logging.LogLevel.Warning
            && entry.Category.EndsWith("RedisRateLimitBuckets", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Redis_stopped_under_running_replicas_serves_requests_and_the_shared_budget_returns_with_it()
    {
        using var redis = TestRedis.StartOwnServer();
        await using var first = await Replica(redis.Address).BuildAsync();
        await using var second = await Replica(redis.Address).BuildAsync();
        var member = $"outage-{Guid.NewGuid():N}";
        var token = first.IssueToken(member, member);

        var (passed, _, _) = await SpendUntilRefusedAsync(member, first, second);
        Assert.Equal(Affordable, passed);

        redis.Stop();

        // Fail-open: the member who was refused is served by both replicas while Redis is away; ready says why.
        (await first.Anonymous().CostedQueryAsync(LimitsTests.FullMatrix, token)).AssertNoErrors();
        (await second.Anonymous().CostedQueryAsync(LimitsTests.FullMatrix, token)).AssertNoErrors();
        using (var ready = await first.Anonymous().GetAsync("/health/ready"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            Assert.Contains($"redis: Unhealthy. Redis at {redis.Address} does not answer.", await ready.Content.ReadAsStringAsync());
        }

        using (var live = await first.Anonymous().GetAsync("/health/live"))
        {
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        }

        // Back (empty, as a restarted Redis without persistence is): the replicas reconnect by themselves, and the
        // budget is one again.
        redis.Start();
        await WaitUntilReadyAsync(first);
        await WaitUntilReadyAsync(second);
        var (passedAfter, _, _) = await SpendUntilRefusedAsync($"after-{Guid.NewGuid():N}", first, second);
        Assert.Equal(Affordable, passedAfter);
    }

    private static async Task WaitUntilReadyAsync(TestHost host)
    {
        var client = host.Anonymous();
        for (var attempt = 0; attempt < 150; attempt++)
        {
            using var ready = await client.GetAsync("/health/ready");
            if (ready.StatusCode == HttpStatusCode.OK)
            {
                return;
            }

            await Task.Delay(200);
        }

        throw new Xunit.Sdk.XunitException("The replica did not reconnect to Redis within 30 s.");
    }
}
