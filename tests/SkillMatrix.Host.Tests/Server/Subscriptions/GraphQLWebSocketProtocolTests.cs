using System.Net.WebSockets;

namespace SkillMatrix.Host.Tests.Server.Subscriptions;

/// <summary>
/// The graphql-ws protocol (subprotocol graphql-transport-ws) at /graphql of the real Host, with .NET's ClientWebSocket:
/// the handshake, ping/pong, operations, and each close code the protocol defines for a client that breaks it.
/// </summary>
public sealed class GraphQLWebSocketProtocolTests(LiveHost fixture) : IClassFixture<LiveHost>
{
    private const string RoleName = """{ role(slug: "backend-developer-python") { name } }""";

    private TestHost Host => fixture.Host;

    [Fact]
    public async Task Ping_is_answered_with_pong_before_and_after_the_handshake()
    {
        await using var client = await GraphQLWebSocket.ConnectAsync(Host);
        Assert.Equal(GraphQLWebSocket.SubProtocol, client.Socket.SubProtocol);

        await client.SendAsync(new { type = "ping" });
        await client.ExpectAsync("pong");
        await client.InitAsync();
        await client.SendAsync(new { type = "ping", payload = new { at = 1 } });
        await client.ExpectAsync("pong");
        // A pong from the client needs no answer; the connection stays usable.
        await client.SendAsync(new { type = "pong" });
        await client.SendAsync(new { type = "ping" });
        await client.ExpectAsync("pong");
    }

    [Fact]
    public async Task A_query_answers_one_next_then_complete()
    {
        await using var client = await GraphQLWebSocket.OpenAsync(Host);

        await client.SubscribeAsync("q1", RoleName);

        Assert.Equal("Backend Developer (Python)", (string?)(await client.NextDataAsync("q1"))["role"]!["name"]);
        await client.ExpectAsync("complete", "q1");
        // The id is free again once the operation completed.
        await client.SubscribeAsync("q1", RoleName);
        await client.NextDataAsync("q1");
        await client.ExpectAsync("complete", "q1");
    }

    [Fact]
    public async Task A_mutation_runs_as_the_member_of_connection_init()
    {
        var member = Host.SignIn("Socket");
        await using var client = await GraphQLWebSocket.OpenAsync(Host, member.Token);

        await client.SubscribeAsync("m", """mutation { watchRole(input: { roleSlug: "live-role" }) { role { viewerIsWatching } errors { __typename } } }""");

        var payload = (await client.NextDataAsync("m"))["watchRole"]!;
        Assert.True((bool)payload["role"]!["viewerIsWatching"]!, payload.ToJsonString());
        await client.ExpectAsync("complete", "m");
    }

    [Fact]
    public async Task A_validation_error_is_an_error_message_and_the_connection_stays_open()
    {
        await using var client = await GraphQLWebSocket.OpenAsync(Host);

        await client.SubscribeAsync("bad", "{ noSuchField }");

        var error = await client.ExpectAsync("error", "bad");
        Assert.NotEmpty(error["payload"]!.AsArray());
        await client.SendAsync(new { type = "ping" });
        await client.ExpectAsync("pong");
    }

    [Fact]
    public async Task The_limits_of_queries_apply_to_subscriptions()
    {
        await using var client = await GraphQLWebSocket.OpenAsync(Host);
        var aliases = string.Join(" ", Enumerable.Range(0, 20).Select(i => $"a{i}: __typename"));

        await client.SubscribeAsync("wide", $$"""subscription { proposalChanged(roleSlug: "live-role") { kind {{aliases}} } }""");

        var error = await client.ExpectAsync("error", "wide");
        Assert.Equal("ALIASES_EXCEEDED", (string?)error["payload"]![0]!["extensions"]!["code"]);
    }

    [Fact]
    public async Task Anonymous_myNotifications_is_refused_as_not_authenticated()
    {
        await using var client = await GraphQLWebSocket.OpenAsync(Host);

        await client.SubscribeAsync("n", "subscription { myNotifications { id } }");

        var error = await client.ExpectAsync("error", "n");
        Assert.Equal("AUTH_NOT_AUTHENTICATED", (string?)error["payload"]![0]!["extensions"]!["code"]);
    }

    [Fact]
    public async Task An_unknown_role_is_an_error()
    {
        await using var client = await GraphQLWebSocket.OpenAsync(Host);

        await client.SubscribeAsync("r", """subscription { roleChanged(slug: "no-such-role") { version } }""");

        var error = await client.ExpectAsync("error", "r");
        Assert.Equal("NOT_FOUND", (string?)error["payload"]![0]!["extensions"]!["code"]);
    }

    [Fact]
    public async Task Subscribe_before_the_ack_closes_with_4401()
    {
        await using var client = await GraphQLWebSocket.ConnectAsync(Host);

        await client.SubscribeAsync("early", RoleName);

        Assert.Equal(4401, await client.ExpectCloseAsync());
    }

    [Fact]
    public async Task A_duplicate_id_closes_with_4409()
    {
        await using var client = await GraphQLWebSocket.OpenAsync(Host);

        await client.SubscribeAsync("same", """subscription { proposalChanged(roleSlug: "live-role") { kind } }""");
        await client.SubscribeAsync("same", """subscription { proposalChanged(roleSlug: "live-role") { kind } }""");

        Assert.Equal(4409, await client.ExpectCloseAsync());
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"type":"no_such_type"}""")]
    [InlineData("""{"payload":{}}""")]
    [InlineData("""{"type":"subscribe","id":"x","payload":{"variables":{}}}""")]
    [InlineData("""{"type":"connection_init","payload":"text"}""")]
    public async Task An_invalid_message_closes_with_4400(string message)
    {
        await using var client = await GraphQLWebSocket.ConnectAsync(Host);
        if (!message.Contains("connection_init", StringComparison.Ordinal))
        {
            await client.InitAsync();
        }

        await client.SendTextAsync(message);

        Assert.Equal(4400, await client.ExpectCloseAsync());
    }

    [Fact]
    public async Task A_second_connection_init_closes_with_4429()
    {
        await using var client = await GraphQLWebSocket.OpenAsync(Host);

        await client.SendAsync(new { type = "connection_init" });

        Assert.Equal(4429, await client.ExpectCloseAsync());
    }

    [Fact]
    public async Task No_connection_init_within_the_timeout_closes_with_4408()
    {
        await using var client = await GraphQLWebSocket.ConnectAsync(Host);

        // The fixture's timeout is one second.
        Assert.Equal(4408, await client.ExpectCloseAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task A_refused_token_closes_with_4403()
    {
        await using var client = await GraphQLWebSocket.ConnectAsync(Host);
        var token = Host.SignIn("Forger").Token;

        await client.SendAsync(new { type = "connection_init", payload = new { Authorization = "Bearer " + token[..^4] + "AAAA" } });

        Assert.Equal(4403, await client.ExpectCloseAsync());
    }

    [Fact]
    public async Task Without_the_subprotocol_the_socket_is_closed_with_4406()
    {
        await using var client = await GraphQLWebSocket.ConnectAsync(Host, subProtocol: null);

        Assert.Equal(4406, await client.ExpectCloseAsync());
    }

    [Fact]
    public async Task A_subscription_on_plain_http_is_refused_with_a_pointer_to_the_streaming_transports()
    {
        using var http = new HttpClient { BaseAddress = new Uri(Assert.Single(Host.ServerAddresses)) };

        var reply = await http.QueryAsync("""subscription { proposalChanged(roleSlug: "live-role") { kind } }""");

        reply.AssertRefused(System.Net.HttpStatusCode.BadRequest, "STREAM_REQUIRED");
    }

    [Fact]
    public async Task The_socket_closes_normally_when_the_client_closes_it()
    {
        var client = await GraphQLWebSocket.OpenAsync(Host);

        await client.Socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);

        Assert.Equal(WebSocketState.Closed, client.Socket.State);
        await client.DisposeAsync();
    }
}
