using SkillMatrix.Tests.Shared;

namespace SkillMatrix.Host.Tests.Host.Replicas;

/// <summary>
/// The subscription limits over two replicas on one PostgreSQL database and one Redis: a member's subscriptions are
/// counted over both (GraphQL:Subscriptions:MaxSubscriptionsPerMember), not per process; a completed one frees its
/// place on the other replica too.
/// </summary>
public sealed class CrossReplicaSubscriptionLimitTests : IAsyncLifetime
{
    private const string ProposalEvents = """subscription { proposalChanged(roleSlug: "backend-developer-python") { kind } }""";

    private readonly string database = TestPostgres.CreateDatabase();
    private TestHost? first;
    private TestHost? second;

    public async Task InitializeAsync()
    {
        first = await Replica().BuildAsync();
        second = await Replica().BuildAsync();
    }

    private TestHostBuilder Replica() =>
        TestHost.Start().OnKestrel().WithSignIn().WithSetting("Redis:Configuration", TestRedis.Configuration)
            .WithSetting("GraphQL:Subscriptions:MaxSubscriptionsPerMember", "2").OnPostgreSql(database);

    private static async Task SubscribeAsync(GraphQLWebSocket client, string id)
    {
        await client.SubscribeAsync(id, ProposalEvents);
        await client.SendAsync(new { type = "ping" });
        await client.ExpectAsync("pong");
    }

    [Fact]
    public async Task A_members_subscriptions_are_counted_over_both_replicas()
    {
        var member = first!.SignIn("Busy");
        await using var onFirst = await GraphQLWebSocket.OpenAsync(first, member.Token);
        await using var onSecond = await GraphQLWebSocket.OpenAsync(second!, member.Token);
        await SubscribeAsync(onFirst, "a");
        await SubscribeAsync(onSecond, "a");

        // Each replica holds one: in-process counts would let each take a second.
        await onSecond.SubscribeAsync("b", ProposalEvents);
        var refused = await onSecond.ExpectAsync("error", "b");
        Assert.Equal("SUBSCRIPTIONS_EXCEEDED", (string?)refused["payload"]![0]!["extensions"]!["code"]);
        Assert.Equal(2, (int)refused["payload"]![0]!["extensions"]!["limit"]!);

        // Another member is not counted against this one.
        await using var other = await GraphQLWebSocket.OpenAsync(second!, first.SignIn("Other").Token);
        await SubscribeAsync(other, "a");

        // Completing one on the first replica frees the place for the second.
        await onFirst.SendAsync(new { type = "complete", id = "a" });
        await onFirst.SendAsync(new { type = "ping" });
        await onFirst.ExpectAsync("pong");
        await SubscribeAsync(onSecond, "b");
        await onFirst.SubscribeAsync("c", ProposalEvents);
        Assert.Equal("SUBSCRIPTIONS_EXCEEDED", (string?)(await onFirst.ExpectAsync("error", "c"))["payload"]![0]!["extensions"]!["code"]);
    }

    public async Task DisposeAsync()
    {
        foreach (var host in new[] { second, first })
        {
            if (host is not null)
            {
                await host.DisposeAsync();
            }
        }

        TestPostgres.DropDatabase(database);
    }
}
