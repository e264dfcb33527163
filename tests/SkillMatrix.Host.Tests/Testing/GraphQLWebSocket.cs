using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SkillMatrix.Host.Tests.Testing;

/// <summary>
/// A graphql-ws client over .NET's <see cref="ClientWebSocket"/>, speaking the protocol message by message so that
/// tests can also break it. Needs a host built <see cref="TestHostBuilder.OnKestrel"/>.
/// </summary>
internal sealed class GraphQLWebSocket : IAsyncDisposable
{
    public const string SubProtocol = "graphql-transport-ws";

    public static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(10);

    private readonly ClientWebSocket socket;

    // Messages read while waiting for another operation's: operations on one socket interleave.
    private readonly List<JsonObject> buffered = [];

    private GraphQLWebSocket(ClientWebSocket socket) => this.socket = socket;

    public WebSocket Socket => socket;

    public static async Task<GraphQLWebSocket> ConnectAsync(TestHost host, string? subProtocol = SubProtocol)
    {
        var address = new Uri(Assert.Single(host.ServerAddresses));
        var socket = new ClientWebSocket();
        if (subProtocol is not null)
        {
            socket.Options.AddSubProtocol(subProtocol);
        }

        await socket.ConnectAsync(new Uri($"ws://{address.Authority}/graphql"), CancellationToken.None);
        return new GraphQLWebSocket(socket);
    }

    /// <summary>Connects, sends <c>connection_init</c> (with the token as graphql-ws clients send connectionParams) and expects the ack.</summary>
    public static async Task<GraphQLWebSocket> OpenAsync(TestHost host, string? token = null)
    {
        var client = await ConnectAsync(host);
        await client.InitAsync(token);
        return client;
    }

    public async Task InitAsync(string? token = null)
    {
        await SendAsync(token is null ? new { type = "connection_init" } : new { type = "connection_init", payload = new { Authorization = $"Bearer {token}" } });
        var ack = await ReceiveAsync();
        Assert.True(ack is not null && (string?)ack["type"] == "connection_ack", $"expected connection_ack, got {ack?.ToJsonString() ?? $"close {socket.CloseStatus}"}");
    }

    public Task SendAsync(object message) => SendTextAsync(JsonSerializer.Serialize(message));

    public Task SendTextAsync(string text) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);

    public Task SubscribeAsync(string id, string query, object? variables = null) =>
        SendAsync(new { id, type = "subscribe", payload = new { query, variables } });

    /// <summary>The next message, or null when the server closed the socket (its code is then in <see cref="CloseStatus"/>).</summary>
    public async Task<JsonObject?> ReceiveAsync(TimeSpan? wait = null)
    {
        using var timeout = new CancellationTokenSource(wait ?? DefaultWait);
        var buffer = new byte[8192];
        using var message = new MemoryStream();
        WebSocketReceiveResult received;
        do
        {
            try
            {
                received = await socket.ReceiveAsync(buffer, timeout.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"Nothing arrived within {wait ?? DefaultWait}.");
                throw;
            }

            if (received.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            message.Write(buffer, 0, received.Count);
        }
        while (!received.EndOfMessage);

        return JsonNode.Parse(message.ToArray())!.AsObject();
    }

    /// <summary>
    /// The next message for operation <paramref name="id"/> (or, without an id, the next message), which must be of
    /// <paramref name="type"/>; messages of other operations that arrive meanwhile are kept for their turn.
    /// </summary>
    public async Task<JsonObject> ExpectAsync(string type, string? id = null, TimeSpan? wait = null)
    {
        var message = buffered.FirstOrDefault(m => id is null || (string?)m["id"] == id);
        if (message is not null)
        {
            buffered.Remove(message);
        }

        while (message is null)
        {
            var received = await ReceiveAsync(wait);
            Assert.True(received is not null, $"expected {type}, but the socket closed with {(int?)socket.CloseStatus} {socket.CloseStatusDescription}");
            if (id is null || (string?)received["id"] == id)
            {
                message = received;
            }
            else
            {
                buffered.Add(received);
            }
        }

        Assert.True((string?)message["type"] == type, $"expected {type} for {id}, got {message.ToJsonString()}");
        return message;
    }

    /// <summary>The <c>payload.data</c> of the next message, a <c>next</c> for <paramref name="id"/> without errors.</summary>
    public async Task<JsonNode> NextDataAsync(string id, TimeSpan? wait = null)
    {
        var next = await ExpectAsync("next", id, wait);
        Assert.True(next["payload"]!["errors"] is null, next.ToJsonString());
        return next["payload"]!["data"]!;
    }

    /// <summary>Reads until the server closes the socket (failing on anything else) and returns the close code.</summary>
    public async Task<int> ExpectCloseAsync(TimeSpan? wait = null)
    {
        var message = await ReceiveAsync(wait);
        Assert.True(message is null, $"expected the socket to close, got {message?.ToJsonString()}");
        return (int)socket.CloseStatus!.Value;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (socket.State == WebSocketState.Open)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", timeout.Token);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            // The server closed it first, or went away.
        }

        socket.Dispose();
    }
}
