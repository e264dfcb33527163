using System.Net.WebSockets;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Server.Http;
using Platform.Server.Observability;
using Platform.Server.Security;

namespace Platform.Server.Subscriptions;

/// <summary>
/// GraphQL over a WebSocket at the GraphQL endpoint, in the graphql-ws protocol (subprotocol <c>graphql-transport-ws</c>,
/// https://github.com/enisdenjo/graphql-ws/blob/master/PROTOCOL.md): subscriptions, and queries and mutations too.
/// One <see cref="WebSocketConnection"/> per socket speaks the protocol; this class admits the socket.
/// </summary>
internal sealed class GraphQLWebSocketTransport(
    IOptionsMonitor<SubscriptionOptions> options,
    StreamingExecutor executor,
    SubscriptionLimiter limiter,
    ILogger<WebSocketConnection> logger,
    IBearerTokenValidator? tokens = null,
    GraphQLMetrics? metrics = null,
    TimeProvider? time = null,
    IHostApplicationLifetime? application = null) : IGraphQLAlternateTransport
{
    public const string SubProtocol = "graphql-transport-ws";

    public bool Accepts(HttpContext context) => context.WebSockets.IsWebSocketRequest;

    public async Task HandleAsync(HttpContext context)
    {
        using var lease = await limiter.TryOpenConnectionAsync(context.Connection.RemoteIpAddress?.ToString(), context.RequestAborted);
        if (lease is null)
        {
            await StreamingResponses.RefuseConnectionAsync(context, options.CurrentValue.MaxConnectionsPerClientIp, executor);
            return;
        }

        if (!context.WebSockets.WebSocketRequestedProtocols.Contains(SubProtocol, StringComparer.Ordinal))
        {
            // As graphql-ws's own server does: accept, then close with 4406 so the client learns why.
            using var refused = await context.WebSockets.AcceptWebSocketAsync();
            await refused.CloseOutputAsync((WebSocketCloseStatus)WebSocketCloseCodes.SubprotocolNotAcceptable, "Subprotocol not acceptable", context.RequestAborted);
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync(SubProtocol);
        var connection = new WebSocketConnection(socket, context, options.CurrentValue, executor, limiter, logger, tokens, metrics, time ?? TimeProvider.System,
            application?.ApplicationStopping ?? CancellationToken.None);
        await connection.RunAsync();
    }
}

/// <summary>The close codes of the graphql-ws protocol.</summary>
internal static class WebSocketCloseCodes
{
    public const int BadRequest = 4400;
    public const int Unauthorized = 4401;
    public const int Forbidden = 4403;
    public const int SubprotocolNotAcceptable = 4406;
    public const int ConnectionInitialisationTimeout = 4408;
    public const int SubscriberAlreadyExists = 4409;
    public const int TooManyInitialisationRequests = 4429;
}
