using Microsoft.Extensions.Logging.Abstractions;
using Platform.Hosting.Redis;

namespace Platform.Hosting.Tests.Redis;

/// <summary>
/// The subscription limits' counts in Redis, on a real redis-server (<see cref="TestRedis.Variable"/>): replicas on one
/// Redis count one limit, a place given back is free again at once, the places a replica holds stay counted while it
/// renews them, and those of a replica that stopped renewing (crashed) expire instead of counting forever.
/// </summary>
public sealed class RedisSubscriptionCountsTests
{
    private static RedisSubscriptionCounts Replica(string prefix, TimeSpan? timeToLive = null) =>
        new(new SharedRedis(TestRedis.Configuration, prefix), NullLogger<RedisSubscriptionCounts>.Instance, timeToLive);

    private static string Prefix() => $"test-{Guid.NewGuid():N}:";

    [Fact]
    public async Task Replicas_on_one_Redis_count_one_limit_and_a_place_given_back_is_free_again()
    {
        var prefix = Prefix();
        await using var first = Replica(prefix);
        await using var second = Replica(prefix);

        var a = await first.TryAcquireAsync("subscriptions:member:alice", 2, default);
        var b = await second.TryAcquireAsync("subscriptions:member:alice", 2, default);
        Assert.NotNull(a);
        Assert.NotNull(b);
        Assert.Null(await first.TryAcquireAsync("subscriptions:member:alice", 2, default));
        Assert.Null(await second.TryAcquireAsync("subscriptions:member:alice", 2, default));
        // Another key has places of its own.
        Assert.NotNull(await second.TryAcquireAsync("subscriptions:member:bob", 2, default));

        a!.Dispose();
        await WaitUntilAsync(async () => await TestRedis.Database.SortedSetLengthAsync(first.Key("subscriptions:member:alice")) == 1);
        Assert.NotNull(await second.TryAcquireAsync("subscriptions:member:alice", 2, default));
        Assert.Null(await first.TryAcquireAsync("subscriptions:member:alice", 2, default));
    }

    [Fact]
    public async Task A_replica_that_stops_renewing_loses_its_places_after_the_time_to_live_and_one_that_renews_keeps_them()
    {
        var prefix = Prefix();
        var ttl = TimeSpan.FromSeconds(2);
        await using var renewing = Replica(prefix, ttl);
        var crashed = Replica(prefix, ttl);
        await using var other = Replica(prefix, ttl);
        Assert.NotNull(await renewing.TryAcquireAsync("connections:ip:198.51.100.7", 2, default));
        Assert.NotNull(await crashed.TryAcquireAsync("connections:ip:198.51.100.7", 2, default));
        Assert.Null(await other.TryAcquireAsync("connections:ip:198.51.100.7", 2, default));

        // The crash: its renewals stop, and its place is never given back.
        await crashed.DisposeAsync();
        await Task.Delay(ttl * 2);

        // Two lifetimes later the crashed replica's place is free, and the renewing replica's is still taken.
        Assert.NotNull(await other.TryAcquireAsync("connections:ip:198.51.100.7", 2, default));
        Assert.Null(await other.TryAcquireAsync("connections:ip:198.51.100.7", 2, default));
        // The set itself expires with its last place, so a Redis does not keep the keys of clients long gone.
        var ttlLeft = await TestRedis.Database.KeyTimeToLiveAsync(other.Key("connections:ip:198.51.100.7"));
        Assert.NotNull(ttlLeft);
        Assert.InRange(ttlLeft!.Value, TimeSpan.FromMilliseconds(1), ttl);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 50; i++)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail("The condition did not hold within 5 s.");
    }
}
