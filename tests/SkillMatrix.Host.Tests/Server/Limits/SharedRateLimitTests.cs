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
    // 10,000 points a minute (a refill of 167 a second) and the full matrix at 1,843: five pass, and the sixth would
    // need 6 s of refill, longer than these tests send for.
    private const int Budget = 10_000;
    private const int Affordable = 5;

    private static TestHostBuilder Replica(string? redis = null)
    {
        var builder = TestHost.Start().WithSignIn().WithRateLimit(Budget);
        return redis is null ? builder : builder.WithSetting("Redis:Configuration", redis);
    }

    /// <summary>Sends the full matrix as <paramref name="member"/> to the replicas in turn until one answers 429; returns how many passed, and the refusal.</summary>
    private static async Task<(int Passed, GraphQLReply Refused)> SpendUntilRefusedAsync(string member, params TestHost[] replicas)
    {
        var token = replicas[0].IssueToken(member, member);
        var clients = replicas.Select(replica => replica.Anonymous()).ToArray();
        for (var sent = 0; sent < 3 * Affordable * replicas.Length; sent++)
        {
            var reply = await clients[sent % clients.Length].CostedQueryAsync(LimitsTests.FullMatrix, token);
            if (reply.Status == HttpStatusCode.TooManyRequests)
            {
                return (sent, reply);
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

        var (passedAlone, refusedAlone) = await SpendUntilRefusedAsync($"alone-{Guid.NewGuid():N}", alone);
        var (passedShared, refusedShared) = await SpendUntilRefusedAsync($"shared-{Guid.NewGuid():N}", first, second);

        // The 429 comes after the same total, alternating between replicas, as from one host alone.
        Assert.Equal(Affordable, passedAlone);
        Assert.Equal(passedAlone, passedShared);
        refusedShared.AssertRefused(HttpStatusCode.TooManyRequests, "RATE_LIMITED");
        Assert.Equal(1843, (int)refusedShared.Extensions()!["cost"]!);
        Assert.Equal(Budget, (int)refusedShared.Extensions()!["pointsPerMinute"]!);
        // The same Retry-After: 785 points left, 1,058 missing at 167 a second (the in-process limiter rounds the
        // seconds down, the shared one waits for the whole of them).
        var retryAlone = refusedAlone.Headers.RetryAfter!.Delta!.Value.TotalSeconds;
        var retryShared = refusedShared.Headers.RetryAfter!.Delta!.Value.TotalSeconds;
        Assert.InRange(retryShared, 6, 7);
        Assert.InRange(Math.Abs(retryShared - retryAlone), 0, 1);
        Assert.Equal((int)retryShared, (int)refusedShared.Extensions()!["retryAfter"]!);
    }

    [Fact]
    public async Task Replicas_without_Redis_each_have_their_own_budget()
    {
        await using var first = await Replica().BuildAsync();
        await using var second = await Replica().BuildAsync();

        var (passed, _) = await SpendUntilRefusedAsync($"split-{Guid.NewGuid():N}", first, second);

        Assert.Equal(2 * Affordable, passed);
    }

    [Fact]
    public async Task A_bucket_in_Redis_expires_once_it_would_be_full_again()
    {
        await using var host = await Replica(TestRedis.Configuration).BuildAsync();
        var member = $"ttl-{Guid.NewGuid():N}";

        (await host.Anonymous().CostedQueryAsync(LimitsTests.FullMatrix, host.IssueToken(member, member))).AssertNoErrors();

        // Under the product's prefix; 10,000 points at 167 a second are back in 60 s: kept that long and a second more.
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
        await using var host = await Replica(address + ",connectTimeout=500").BuildAsync();
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
    }
}
