using SkillMatrix.Host.Tests.Community;
using SkillMatrix.Tests.Shared;

namespace SkillMatrix.Host.Tests.Host.Replicas;

/// <summary>
/// Live events across replicas: two Hosts on one PostgreSQL database and one Redis; a subscriber on the second hears
/// a mutation made on the first, once, in order.
/// </summary>
public sealed class CrossReplicaEventTests : IAsyncLifetime
{
    private readonly string database = TestPostgres.CreateDatabase();
    private TestHost? first;
    private TestHost? second;
    private string role = "";

    public async Task InitializeAsync()
    {
        first = await Replica().BuildAsync();
        second = await Replica().BuildAsync();
        // A role of its own: channels are shared by every host on this Redis, so no other test's events are on its topic.
        role = await first.ImportSeedCopyAsync($"Cross Replica {Guid.NewGuid():N}");
    }

    private TestHostBuilder Replica() =>
        TestHost.Start().OnKestrel().WithSignIn().WithSetting("Redis:Configuration", TestRedis.Configuration).OnPostgreSql(database);

    [Fact]
    public async Task A_subscriber_on_one_replica_hears_a_mutation_made_on_the_other()
    {
        await using var client = await GraphQLWebSocket.OpenAsync(second!);
        await client.SubscribeAsync("p", $$"""subscription { proposalChanged(roleSlug: "{{role}}") { kind proposal { id title score } } }""");
        await client.SendAsync(new { type = "ping" });
        await client.ExpectAsync("pong");

        var api = new CommunityApi(first!);
        var id = (string)(await api.ProposeAsync(api.SignIn("Author"), "rest-api-design", "MIDDLE", "EXPERT", "Across replicas", role))["id"]!;
        CommunityApi.AssertNoErrors(await api.VoteAsync(api.SignIn("Voter"), id, "UP"));

        var created = (await client.NextDataAsync("p"))["proposalChanged"]!;
        Assert.Equal("CREATED", (string?)created["kind"]);
        Assert.Equal(id, (string?)created["proposal"]!["id"]);
        Assert.Equal("Across replicas", (string?)created["proposal"]!["title"]);
        var voted = (await client.NextDataAsync("p"))["proposalChanged"]!;
        Assert.Equal("VOTED", (string?)voted["kind"]);
        Assert.Equal(1, (int)voted["proposal"]!["score"]!);
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
