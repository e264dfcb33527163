using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Platform.Data.Events;

namespace SkillMatrix.Host.Tests.Server.Subscriptions;

/// <summary>
/// Each event a subscription delivers costs its subscriber the subscription's cost, from the same budget as their
/// queries (GraphQL:RateLimit). A small budget: 60 points a minute (refilling 1 a second), and a subscription made to
/// cost 20 (a weight on its root field), so subscribing and two events spend it all and the third event cannot be paid
/// for: the subscription ends with RATE_LIMITED instead of its events being dropped without a word.
/// </summary>
public sealed class SubscriptionRateLimitTests
{
    private const string RoleVersions = """subscription { roleChanged(slug: "backend-developer-python") { version } }""";

    private const int Cost = 20;

    private static Task<TestHost> HostAsync() =>
        TestHost.Start().OnKestrel().WithSignIn().WithRateLimit(60)
            .WithSetting("GraphQL:Cost:Weights:Subscription.roleChanged", $"{Cost}")
            .BuildAsync();

    /// <summary>Puts <paramref name="count"/> role events straight onto the bus (the Catalog's event record is internal, so it is made by name).</summary>
    private static void PublishRoleEvents(TestHost host, int count)
    {
        var eventType = Type.GetType("SkillMatrix.Catalog.Live.RoleChanged, SkillMatrix.Catalog", throwOnError: true)!;
        var bus = host.Services.GetRequiredService<IEventBus>();
        var publish = typeof(IEventBus).GetMethod(nameof(IEventBus.Publish))!.MakeGenericMethod(eventType);
        for (var version = 1; version <= count; version++)
        {
            publish.Invoke(bus, ["roleChanged:backend-developer-python", Activator.CreateInstance(eventType, 1, version, 0)!]);
        }
    }

    private static void AssertRateLimited(System.Text.Json.Nodes.JsonNode error)
    {
        Assert.Equal("RATE_LIMITED", (string?)error["extensions"]!["code"]);
        Assert.Equal(Cost, (int)error["extensions"]!["cost"]!);
        Assert.Equal(60, (int)error["extensions"]!["pointsPerMinute"]!);
        Assert.InRange((int)error["extensions"]!["retryAfter"]!, 1, 60);
    }

    [Fact]
    public async Task Over_a_WebSocket_the_event_a_member_cannot_pay_for_ends_the_subscription_with_an_error()
    {
        await using var host = await HostAsync();
        var member = host.SignIn("Watcher");
        await using var client = await GraphQLWebSocket.OpenAsync(host, member.Token);
        await client.SubscribeAsync("v", RoleVersions);
        await client.SendAsync(new { type = "ping" });
        await client.ExpectAsync("pong");

        PublishRoleEvents(host, 5);

        Assert.Equal(1, (int)(await client.NextDataAsync("v"))["roleChanged"]!["version"]!);
        Assert.Equal(2, (int)(await client.NextDataAsync("v"))["roleChanged"]!["version"]!);
        var error = await client.ExpectAsync("error", "v");
        AssertRateLimited(error["payload"]![0]!);

        // Nothing more of it arrives, the connection is still open, and its id may be used again at once (no 4409):
        // the budget the events spent is the member's own, so even a query is refused until it refills.
        await client.SendAsync(new { type = "ping" });
        await client.ExpectAsync("pong");
        await client.SubscribeAsync("v", "{ __typename }");
        Assert.Equal("RATE_LIMITED", (string?)(await client.ExpectAsync("error", "v"))["payload"]![0]!["extensions"]!["code"]);
        await client.SendAsync(new { type = "ping" });
        await client.ExpectAsync("pong");

        // Over HTTP too.
        var reply = await host.Anonymous().CostedQueryAsync(Server.Limits.LimitsTests.FullMatrix, member.Token);
        reply.AssertRefused(HttpStatusCode.TooManyRequests, "RATE_LIMITED");
    }

    [Fact]
    public async Task Over_server_sent_events_the_event_an_address_cannot_pay_for_is_an_error_then_complete()
    {
        await using var host = await HostAsync();
        using var http = new HttpClient { BaseAddress = new Uri(Assert.Single(host.ServerAddresses)) };
        // Anonymous: charged to the client's address, as its queries are.
        await using var stream = await GraphQLEventStream.OpenAsync(http, RoleVersions);
        Assert.Equal(HttpStatusCode.OK, stream.Response.StatusCode);

        PublishRoleEvents(host, 5);

        Assert.Equal(1, (int)(await stream.NextAsync())["data"]!["roleChanged"]!["version"]!);
        Assert.Equal(2, (int)(await stream.NextAsync())["data"]!["roleChanged"]!["version"]!);
        var refused = await stream.NextAsync();
        Assert.Null(refused["data"]);
        AssertRateLimited(refused["errors"]![0]!);
        await stream.ExpectCompleteAsync();
        Assert.Null(await stream.ReadAsync());
    }
}
