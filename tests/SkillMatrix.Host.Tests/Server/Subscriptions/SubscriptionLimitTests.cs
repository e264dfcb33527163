using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.WebSockets;
using Microsoft.Extensions.DependencyInjection;
using Platform.Data.Events;

namespace SkillMatrix.Host.Tests.Server.Subscriptions;

/// <summary>
/// The limits of GraphQL:Subscriptions: subscriptions per connection and per member, connections per client address,
/// and a slow consumer disconnected instead of buffered for. Each test has a host of its own, with small limits.
/// </summary>
public sealed class SubscriptionLimitTests
{
    private const string ProposalEvents = """subscription { proposalChanged(roleSlug: "backend-developer-python") { kind } }""";

    private static Task<TestHost> HostAsync(params (string Key, string Value)[] settings) =>
        TestHost.Start().OnKestrel().WithSignIn()
            .WithSettings(settings.Select(s => new KeyValuePair<string, string>("GraphQL:Subscriptions:" + s.Key, s.Value)))
            .BuildAsync();

    private static async Task SubscribeAsync(GraphQLWebSocket client, string id)
    {
        await client.SubscribeAsync(id, ProposalEvents);
        await client.SendAsync(new { type = "ping" });
        await client.ExpectAsync("pong");
    }

    private static async Task AssertRefusedAsync(GraphQLWebSocket client, string id, int limit)
    {
        await client.SubscribeAsync(id, ProposalEvents);
        var error = await client.ExpectAsync("error", id);
        Assert.Equal("SUBSCRIPTIONS_EXCEEDED", (string?)error["payload"]![0]!["extensions"]!["code"]);
        Assert.Equal(limit, (int)error["payload"]![0]!["extensions"]!["limit"]!);
    }

    [Fact]
    public async Task A_connection_past_its_subscriptions_is_refused_until_one_completes()
    {
        await using var host = await HostAsync(("MaxSubscriptionsPerConnection", "2"));
        await using var client = await GraphQLWebSocket.OpenAsync(host);
        await SubscribeAsync(client, "a");
        await SubscribeAsync(client, "b");

        await AssertRefusedAsync(client, "c", 2);

        await client.SendAsync(new { type = "complete", id = "a" });
        await SubscribeAsync(client, "c");
        await AssertRefusedAsync(client, "d", 2);
        // Queries are not subscriptions: they still run.
        await client.SubscribeAsync("q", "{ __typename }");
        await client.NextDataAsync("q");
    }

    [Fact]
    public async Task A_member_past_their_subscriptions_is_refused_on_any_connection_and_over_server_sent_events()
    {
        await using var host = await HostAsync(("MaxSubscriptionsPerMember", "2"));
        var member = host.SignIn("Busy");
        await using var first = await GraphQLWebSocket.OpenAsync(host, member.Token);
        await using var second = await GraphQLWebSocket.OpenAsync(host, member.Token);
        await SubscribeAsync(first, "a");
        await SubscribeAsync(second, "a");

        await AssertRefusedAsync(first, "b", 2);
        using var http = new HttpClient { BaseAddress = new Uri(Assert.Single(host.ServerAddresses)) };
        await using (var stream = await GraphQLEventStream.OpenAsync(http, ProposalEvents, token: member.Token))
        {
            Assert.Equal("SUBSCRIPTIONS_EXCEEDED", (string?)(await stream.NextAsync())["errors"]![0]!["extensions"]!["code"]);
            await stream.ExpectCompleteAsync();
        }

        // Another member, and anonymous subscribers, are not counted against this one.
        await using var other = await GraphQLWebSocket.OpenAsync(host, host.SignIn("Other").Token);
        await SubscribeAsync(other, "a");
        await SubscribeAsync(other, "b");
    }

    [Fact]
    public async Task A_client_address_past_its_connections_is_refused_with_429()
    {
        await using var host = await HostAsync(("MaxConnectionsPerClientIp", "2"));
        await using var first = await GraphQLWebSocket.OpenAsync(host);
        using var http = new HttpClient { BaseAddress = new Uri(Assert.Single(host.ServerAddresses)) };
        await using var stream = await GraphQLEventStream.OpenAsync(http, ProposalEvents);
        Assert.Equal(HttpStatusCode.OK, stream.Response.StatusCode);

        var refused = await Assert.ThrowsAsync<WebSocketException>(() => GraphQLWebSocket.ConnectAsync(host));
        Assert.Contains("429", refused.Message, StringComparison.Ordinal);
        await using var refusedStream = await GraphQLEventStream.OpenAsync(http, ProposalEvents);
        Assert.Equal(HttpStatusCode.TooManyRequests, refusedStream.Response.StatusCode);
        Assert.Contains("CONNECTIONS_EXCEEDED", await refusedStream.ReadToEndAsync(), StringComparison.Ordinal);

        // A closed connection frees its place.
        await first.DisposeAsync();
        await Task.Delay(500);
        await using var again = await GraphQLWebSocket.OpenAsync(host);
    }

    [Fact]
    public async Task A_client_that_stops_reading_is_disconnected_instead_of_buffered_for()
    {
        await using var host = await HostAsync(("MaxPendingMessages", "2"));
        await using var client = await GraphQLWebSocket.OpenAsync(host);
        // Each event carries a whole matrix (tens of kilobytes), so the socket's buffers fill after a few hundred.
        await client.SubscribeAsync("big", """
            subscription { roleChanged(slug: "backend-developer-python") {
              version role { matrix { domain { name } skills { skill { name slug } cells { level { key name } proficiency mandatory } } } } } }
            """);
        await client.SendAsync(new { type = "ping" });
        await client.ExpectAsync("pong");

        // Straight onto the bus: the Catalog's event record is internal, so it is made by name.
        var eventType = Type.GetType("SkillMatrix.Catalog.Live.RoleChanged, SkillMatrix.Catalog", throwOnError: true)!;
        var bus = host.Services.GetRequiredService<IEventBus>();
        var publish = typeof(IEventBus).GetMethod(nameof(IEventBus.Publish))!.MakeGenericMethod(eventType);
        const int Published = 1500;
        for (var i = 0; i < Published; i++)
        {
            publish.Invoke(bus, ["roleChanged:backend-developer-python", Activator.CreateInstance(eventType, 1, i, 0)!]);
        }

        // Let the server run into the full queue, then read what reached this side before the connection went.
        await Task.Delay(TimeSpan.FromSeconds(8));
        var received = 0;
        try
        {
            while (await client.ReceiveAsync(TimeSpan.FromSeconds(5)) is not null)
            {
                received++;
            }
        }
        catch (WebSocketException)
        {
            // Aborted by the server: what the test expects.
        }

        // Fewer than were published (an aborted connection may lose what sat unread in this side's buffer, so even
        // none), and the connection is gone rather than still being fed.
        Assert.InRange(received, 0, Published - 1);
        Assert.NotEqual(WebSocketState.Open, client.Socket.State);
    }

    [Fact]
    public async Task A_WebSocket_message_larger_than_the_maximum_closes_the_socket_with_4400()
    {
        await using var host = await HostAsync(("MaxMessageBytes", "4096"));
        await using var client = await GraphQLWebSocket.OpenAsync(host);
        // A message just within the limit is read as any other.
        var fits = "{\"type\":\"ping\",\"payload\":{\"pad\":\"" + new string('x', 4000) + "\"}}";
        Assert.InRange(System.Text.Encoding.UTF8.GetByteCount(fits), 4000, 4096);
        await client.SendTextAsync(fits);
        await client.ExpectAsync("pong");

        // One past it (a subscribe padded out with a comment, 64 KiB, sent in one message) is not.
        var query = "# " + new string('x', 64 * 1024) + "\n" + ProposalEvents;
        await client.SubscribeAsync("big", query);

        Assert.Equal(4400, await client.ExpectCloseAsync());
        Assert.Equal("Message too large", client.Socket.CloseStatusDescription);
    }

    [Fact]
    public async Task An_event_stream_that_is_not_read_is_disconnected_when_its_queue_is_full_and_the_drop_counted()
    {
        await using var host = await TestHost.Start().OnKestrel().WithTelemetry()
            .WithSetting("GraphQL:Subscriptions:MaxPendingMessages", "2").BuildAsync();
        var dropped = new ConcurrentQueue<string?>();
        var meters = host.Services.GetRequiredService<IMeterFactory>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (ReferenceEquals(instrument.Meter.Scope, meters) && instrument.Name == "skillmatrix.graphql.subscriptions.events_dropped")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "skillmatrix.graphql.transport")
                {
                    dropped.Enqueue(tag.Value as string);
                }
            }
        });
        listener.Start();

        using var http = new HttpClient { BaseAddress = new Uri(Assert.Single(host.ServerAddresses)) };
        await using var stream = await GraphQLEventStream.OpenAsync(http, """
            subscription { roleChanged(slug: "backend-developer-python") {
              version role { matrix { domain { name } skills { skill { name slug } cells { level { key name } proficiency mandatory } } } } } }
            """);
        Assert.Equal(HttpStatusCode.OK, stream.Response.StatusCode);

        // Events of tens of kilobytes each, and this side reads none of them: the socket's buffers fill, the server's
        // writes wait, and its queue of two is soon full.
        var eventType = Type.GetType("SkillMatrix.Catalog.Live.RoleChanged, SkillMatrix.Catalog", throwOnError: true)!;
        var bus = host.Services.GetRequiredService<IEventBus>();
        var publish = typeof(IEventBus).GetMethod(nameof(IEventBus.Publish))!.MakeGenericMethod(eventType);
        const int Published = 1500;
        for (var i = 0; i < Published; i++)
        {
            publish.Invoke(bus, ["roleChanged:backend-developer-python", Activator.CreateInstance(eventType, 1, i, 0)!]);
        }

        var closed = await WaitForAsync(() => host.Telemetry.Logs.Entries.FirstOrDefault(e => e.EventId.Name == "GraphQLConnectionClosed"));
        Assert.Equal("sse", closed.Values["Transport"]);
        Assert.Equal("slow consumer: too many pending messages", closed.Values["Outcome"]);
        Assert.InRange((long)closed.Values["EventCount"]!, 0, Published - 1);
        Assert.Contains("sse", dropped);
        Assert.DoesNotContain("websocket", dropped);

        // The stream is over for the client too: reading what reached this side ends (or fails) instead of waiting for more.
        var received = 0;
        try
        {
            while (await stream.ReadAsync(TimeSpan.FromSeconds(30)) is { Event: "next" })
            {
                received++;
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            // Aborted by the server: what the test expects.
        }

        Assert.InRange(received, 0, Published - 1);
    }

    private static async Task<T> WaitForAsync<T>(Func<T?> probe) where T : class
    {
        for (var i = 0; i < 600; i++)
        {
            if (probe() is { } found)
            {
                return found;
            }

            await Task.Delay(100);
        }

        Assert.Fail("Nothing was logged for the closed connection within 60 s.");
        return null!;
    }
}
