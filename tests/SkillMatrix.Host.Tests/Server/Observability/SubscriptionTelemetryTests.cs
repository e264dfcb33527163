using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using SkillMatrix.Host.Tests.Community;

namespace SkillMatrix.Host.Tests.Server.Observability;

/// <summary>
/// Live connections on the meter SkillMatrix.GraphQL (open connections, active subscriptions, events delivered) and one
/// log line per connection, with the member but never the token.
/// </summary>
public sealed class SubscriptionTelemetryTests
{
    [Fact]
    public async Task A_connection_is_counted_while_open_its_events_when_delivered_and_logged_once_when_closed()
    {
        await using var host = await TestHost.Start().OnKestrel().WithSignIn().WithTelemetry().BuildAsync();
        var recorded = new ConcurrentQueue<(string Instrument, long Value, string? Transport)>();
        var scope = host.Services.GetRequiredService<IMeterFactory>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == "SkillMatrix.GraphQL" && ReferenceEquals(instrument.Meter.Scope, scope)
                    && instrument.Name.StartsWith("skillmatrix.graphql.subscriptions.", StringComparison.Ordinal))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            string? transport = null;
            foreach (var tag in tags)
            {
                transport = tag.Key == "skillmatrix.graphql.transport" ? tag.Value as string : transport;
            }

            recorded.Enqueue((instrument.Name, value, transport));
        });
        listener.Start();
        long Sum(string name) => recorded.Where(m => m.Instrument == "skillmatrix.graphql.subscriptions." + name && m.Transport == "websocket").Sum(m => m.Value);

        var api = new CommunityApi(host);
        var member = api.SignIn("Watcher");
        var client = await GraphQLWebSocket.OpenAsync(host, member.Token);
        await client.SubscribeAsync("p", """subscription { proposalChanged(roleSlug: "backend-developer-python") { kind } }""");
        await client.SendAsync(new { type = "ping" });
        await client.ExpectAsync("pong");
        Assert.Equal(1, Sum("connections"));
        Assert.Equal(1, Sum("active"));

        await api.ProposeAsync(api.SignIn("Author"), "docker", "SENIOR", "EXPERT");
        await client.NextDataAsync("p");
        await client.DisposeAsync();

        var closed = await WaitForAsync(() => host.Telemetry.Logs.Entries.FirstOrDefault(e => e.EventId.Name == "GraphQLConnectionClosed"));
        Assert.Equal(member.Id, closed.Values["MemberId"]);
        Assert.Equal(1L, closed.Values["SubscriptionCount"]);
        Assert.Equal(1L, closed.Values["EventCount"]);
        Assert.Equal("websocket", closed.Values["Transport"]);
        Assert.Single(host.Telemetry.Logs.Entries, e => e.EventId.Name == "GraphQLConnectionClosed");
        Assert.DoesNotContain(host.Telemetry.Logs.Entries, e => e.Message.Contains(member.Token, StringComparison.Ordinal)
            || e.Values.Values.Any(v => v?.ToString()?.Contains(member.Token, StringComparison.Ordinal) == true));
        Assert.Equal(0, Sum("connections"));
        Assert.Equal(0, Sum("active"));
        Assert.Equal(1, Sum("events_delivered"));
        Assert.Equal(0, Sum("events_dropped"));
    }

    private static async Task<T> WaitForAsync<T>(Func<T?> probe) where T : class
    {
        for (var i = 0; i < 100; i++)
        {
            if (probe() is { } found)
            {
                return found;
            }

            await Task.Delay(100);
        }

        Assert.Fail("Nothing was logged for the closed connection within 10 s.");
        return null!;
    }
}
