using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace SkillMatrix.Host.Tests.Server.Subscriptions;

/// <summary>
/// A Host told to stop (SIGTERM: the application's stopping token) ends its open subscriptions with something a client
/// acts on, at once, not when the shutdown timeout cuts them: a WebSocket closes with 1001 Going Away, an event stream
/// ends with <c>complete</c>.
/// </summary>
public sealed class ShutdownTests
{
    private const string ProposalEvents = """subscription { proposalChanged(roleSlug: "backend-developer-python") { kind } }""";

    [Fact]
    public async Task Stopping_closes_each_websocket_with_going_away()
    {
        await using var host = await TestHost.Start().OnKestrel().WithSignIn().BuildAsync();
        await using var client = await GraphQLWebSocket.OpenAsync(host);
        await client.SubscribeAsync("live", ProposalEvents);
        await client.SendAsync(new { type = "ping" });
        await client.ExpectAsync("pong");

        host.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();

        Assert.Equal(1001, await client.ExpectCloseAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal("The server is shutting down; reconnect.", client.Socket.CloseStatusDescription);
    }

    [Fact]
    public async Task Stopping_completes_each_event_stream()
    {
        await using var host = await TestHost.Start().OnKestrel().WithSignIn().BuildAsync();
        using var http = new HttpClient { BaseAddress = new Uri(Assert.Single(host.ServerAddresses)) };
        await using var stream = await GraphQLEventStream.OpenAsync(http, ProposalEvents);

        host.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();

        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await stream.ExpectCompleteAsync().WaitAsync(wait.Token);
    }
}
