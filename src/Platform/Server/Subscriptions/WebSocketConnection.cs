using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using GraphQL.Transport;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Platform.Server.Limits;
using Platform.Server.Observability;
using Platform.Server.Security;

namespace Platform.Server.Subscriptions;

/// <summary>
/// One socket speaking graphql-ws. The read loop takes the client's messages one at a time (so <c>connection_init</c>
/// finishes before a <c>subscribe</c> is looked at, and a subscription is listening before the next message is read:
/// a client's ping after its subscribe is answered once the subscription would hear an event); events then run
/// beside the loop; every outgoing message goes through one
/// bounded queue and one write loop, so messages keep their order and a client that stops reading is disconnected when
/// the queue is full instead of the server holding its events without bound.
/// </summary>
internal sealed partial class WebSocketConnection
{
    private const string Transport = "websocket";

    private readonly WebSocket socket;
    private readonly HttpContext http;
    private readonly SubscriptionOptions settings;
    private readonly StreamingExecutor executor;
    private readonly SubscriptionLimiter limiter;
    private readonly ILogger logger;
    private readonly IBearerTokenValidator? tokens;
    private readonly GraphQLMetrics? metrics;
    private readonly TimeProvider time;
    private readonly Channel<Outgoing> outgoing;
    private readonly ConcurrentDictionary<string, Operation> operations = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource lifetime;
    private readonly long started = Stopwatch.GetTimestamp();

    private bool initReceived;
    private volatile bool acknowledged;
    private volatile bool closing;
    private ClaimsPrincipal? user;
    private int activeSubscriptions;
    private long subscriptionCount;
    private long eventCount;
    private readonly CancellationToken stopping;
    private int closeCode = (int)WebSocketCloseStatus.NormalClosure;
    private string closeReason = "closed by the client";

    public WebSocketConnection(WebSocket socket, HttpContext http, SubscriptionOptions settings, StreamingExecutor executor,
        SubscriptionLimiter limiter, ILogger logger, IBearerTokenValidator? tokens, GraphQLMetrics? metrics, TimeProvider time,
        CancellationToken stopping)
    {
        this.stopping = stopping;
        this.socket = socket;
        this.http = http;
        this.settings = settings;
        this.executor = executor;
        this.limiter = limiter;
        this.logger = logger;
        this.tokens = tokens;
        this.metrics = metrics;
        this.time = time;
        outgoing = Channel.CreateBounded<Outgoing>(new BoundedChannelOptions(Math.Max(1, settings.MaxPendingMessages)) { SingleReader = true });
        lifetime = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
    }

    public async Task RunAsync()
    {
        metrics?.RecordConnection(Transport, 1);
        // On shutdown (SIGTERM) every socket is closed with 1001 Going Away, which graphql-ws clients take as "reconnect",
        // instead of being cut when the host's shutdown timeout runs out.
        using var shutdown = stopping.Register(() => Close((int)WebSocketCloseStatus.EndpointUnavailable, "The server is shutting down; reconnect."));
        var writer = Task.Run(WriteLoopAsync);
        _ = CloseUnlessInitialisedAsync();
        try
        {
            await ReadLoopAsync();
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            // The client went away without a close frame, or the connection was aborted (slow consumer, shutdown).
            if (!closing)
            {
                (closeCode, closeReason) = ((int)WebSocketCloseStatus.EndpointUnavailable, "connection lost");
            }
        }
        finally
        {
            closing = true;
            var stopping = operations.Values.ToList();
            foreach (var operation in stopping)
            {
                operation.Stop();
            }

            // The operations' execution steps may read the upgrade request's HttpContext, which is recycled once this
            // returns: they end first (a cancelled operation ends promptly; a stuck one is not waited for forever).
            await Task.WhenAny(Task.WhenAll(stopping.Select(o => o.Finished)), Task.Delay(TimeSpan.FromSeconds(5), time));

            // What is queued (a close frame above all) is written if the client still reads, then the rest stops.
            outgoing.Writer.TryComplete();
            await Task.WhenAny(writer, Task.Delay(TimeSpan.FromSeconds(2), time));
            await lifetime.CancelAsync();
            try
            {
                await writer;
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
            {
                // Nothing more can be written to a socket that is gone.
            }

            metrics?.RecordConnection(Transport, -1);
            LogClosed(logger, Transport, closeCode, closeReason, user.GetMemberId(), Interlocked.Read(ref subscriptionCount),
                Interlocked.Read(ref eventCount), Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            lifetime.Dispose();
        }
    }

    private async Task ReadLoopAsync()
    {
        var buffer = new byte[4096];
        using var message = new MemoryStream();
        while (true)
        {
            message.SetLength(0);
            WebSocketReceiveResult received;
            do
            {
                received = await socket.ReceiveAsync(buffer, lifetime.Token);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    if (!closing)
                    {
                        closeCode = (int?)received.CloseStatus ?? closeCode;
                        closeReason = "closed by the client";
                        closing = true;
                        // Answer the client's close, which completes the handshake.
                        outgoing.Writer.TryWrite(Outgoing.Close(closeCode, ""));
                    }

                    return;
                }

                message.Write(buffer, 0, received.Count);
                if (message.Length > settings.MaxMessageBytes)
                {
                    Close(WebSocketCloseCodes.BadRequest, "Message too large");
                    return;
                }
            }
            while (!received.EndOfMessage);

            if (closing)
            {
                continue; // waiting for the client's close frame: its messages are no longer read
            }

            if (received.MessageType != WebSocketMessageType.Text)
            {
                Close(WebSocketCloseCodes.BadRequest, "Invalid message received");
                continue;
            }

            await HandleMessageAsync(message.GetBuffer().AsMemory(0, (int)message.Length));
        }
    }

    private async Task HandleMessageAsync(ReadOnlyMemory<byte> text)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException)
        {
            Close(WebSocketCloseCodes.BadRequest, "Invalid message received");
            return;
        }

        using (document)
        {
            var root = document.RootElement;
            var type = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            var payload = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("payload", out var p) && p.ValueKind != JsonValueKind.Null ? p : (JsonElement?)null;
            var id = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("id", out var i) && i.ValueKind == JsonValueKind.String ? i.GetString() : null;
            switch (type)
            {
                case "connection_init" when payload is null || payload.Value.ValueKind == JsonValueKind.Object:
                    await InitialiseAsync(payload);
                    break;
                case "ping":
                    Send("""{"type":"pong"}""");
                    break;
                case "pong":
                    break;
                case "subscribe" when !string.IsNullOrEmpty(id) && payload?.ValueKind == JsonValueKind.Object
                                      && payload.Value.TryGetProperty("query", out var query) && query.ValueKind == JsonValueKind.String:
                    await SubscribeAsync(id, payload.Value);
                    break;
                case "complete" when !string.IsNullOrEmpty(id):
                    if (operations.TryRemove(id, out var operation))
                    {
                        // Its subscription is gone (and counts no more against the limits) before the next message is read.
                        operation.Stop();
                        await operation.Finished;
                    }

                    break;
                default:
                    Close(WebSocketCloseCodes.BadRequest, "Invalid message received");
                    break;
            }
        }
    }

    private async Task InitialiseAsync(JsonElement? payload)
    {
        if (initReceived)
        {
            Close(WebSocketCloseCodes.TooManyInitialisationRequests, "Too many initialisation requests");
            return;
        }

        initReceived = true;
        if (BearerToken(payload) is { } token)
        {
            var principal = tokens is null ? null : await tokens.ValidateAsync(token, lifetime.Token);
            if (principal is null || !principal.IsSignedIn())
            {
                Close(WebSocketCloseCodes.Forbidden, "Forbidden");
                return;
            }

            user = principal;
            if (principal.ExpiresAt() is { } expires)
            {
                _ = ExpireAsync(expires);
            }
        }

        acknowledged = true;
        Send("""{"type":"connection_ack"}""");
    }

    /// <summary><c>{"Authorization": "Bearer ..."}</c> in the payload, as a header would carry it (any letter case of the key).</summary>
    private static string? BearerToken(JsonElement? payload)
    {
        if (payload is not { ValueKind: JsonValueKind.Object } value)
        {
            return null;
        }

        foreach (var property in value.EnumerateObject())
        {
            if (property.Name.Equals("Authorization", StringComparison.OrdinalIgnoreCase) && property.Value.ValueKind == JsonValueKind.String)
            {
                var header = property.Value.GetString() ?? "";
                return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : header.Trim();
            }
        }

        return null;
    }

    private async Task SubscribeAsync(string id, JsonElement payload)
    {
        if (!acknowledged)
        {
            Close(WebSocketCloseCodes.Unauthorized, "Unauthorized");
            return;
        }

        GraphQLRequest? request;
        try
        {
            request = executor.ReadRequest(payload.GetRawText());
        }
        catch (JsonException)
        {
            request = null;
        }

        if (request is null)
        {
            Close(WebSocketCloseCodes.BadRequest, "Invalid message received");
            return;
        }

        var operation = new Operation(id, lifetime.Token);
        if (!operations.TryAdd(id, operation))
        {
            Close(WebSocketCloseCodes.SubscriberAlreadyExists, $"Subscriber for {id} already exists");
            return;
        }

        operation.Finished = RunOperationAsync(operation, request);
        await operation.Ready;
    }

    private async Task RunOperationAsync(Operation operation, GraphQLRequest request)
    {
        var id = operation.Id;
        var counted = false;
        IDisposable? memberLease = null;
        try
        {
            // The operation's own scope: its DbContexts and loaders are not shared with the connection's other
            // operations, which run beside it. A subscription keeps it until it ends (each event has one more of its own).
            await using var scope = http.RequestServices.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
            var signedIn = user;
            var result = await executor.ExecuteAsync(request, signedIn, scope.ServiceProvider, operation.Token);
            if (operation.Token.IsCancellationRequested)
            {
                return;
            }

            if (result.Streams is not { Count: > 0 } streams)
            {
                if (StreamingExecutor.IsRefusal(result))
                {
                    SendError(id, result);
                }
                else
                {
                    SendNext(id, result);
                    SendComplete(id);
                }

                return;
            }

            if (Interlocked.Increment(ref activeSubscriptions) > settings.MaxSubscriptionsPerConnection)
            {
                Interlocked.Decrement(ref activeSubscriptions);
                SendError(id, StreamingExecutor.ErrorResult(new SubscriptionError(SubscriptionErrorCodes.SubscriptionsExceeded,
                    $"A connection may have at most {settings.MaxSubscriptionsPerConnection} active subscriptions.", settings.MaxSubscriptionsPerConnection)));
                return;
            }

            counted = true;
            memberLease = await limiter.TrySubscribeAsync(signedIn.GetMemberId(), operation.Token);
            if (memberLease is null)
            {
                SendError(id, StreamingExecutor.ErrorResult(new SubscriptionError(SubscriptionErrorCodes.SubscriptionsExceeded,
                    $"A member may have at most {settings.MaxSubscriptionsPerMember} active subscriptions.", settings.MaxSubscriptionsPerMember)));
                return;
            }

            Interlocked.Increment(ref subscriptionCount);
            metrics?.RecordSubscription(Transport, 1);
            try
            {
                var ended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                var stream = streams.Values.First();
                var charge = SubscriptionEventCharge.For(scope.ServiceProvider);
                using var subscription = stream.Subscribe(new CallbackObserver<ExecutionResult>(
                    next =>
                    {
                        if (!operation.Token.IsCancellationRequested)
                        {
                            SendEvent(operation, next, charge);
                        }
                    },
                    _ =>
                    {
                        if (!operation.Token.IsCancellationRequested)
                        {
                            SendError(id, StreamingExecutor.ErrorResult(new ExecutionError("The event stream failed.")));
                        }

                        ended.TrySetResult();
                    },
                    () =>
                    {
                        if (!operation.Token.IsCancellationRequested)
                        {
                            SendComplete(id);
                        }

                        ended.TrySetResult();
                    }));
                operation.SetReady();
                await using (operation.Token.Register(() => ended.TrySetResult()))
                {
                    await ended.Task;
                }
            }
            finally
            {
                metrics?.RecordSubscription(Transport, -1);
            }
        }
        catch (OperationCanceledException) when (operation.Token.IsCancellationRequested)
        {
            // Completed by the client, or the connection closed.
        }
        catch (Exception ex)
        {
            LogOperationFailed(logger, ex);
            SendError(id, StreamingExecutor.ErrorResult(new ExecutionError("Unexpected Execution Error") { Code = "INTERNAL" }));
        }
        finally
        {
            operation.SetReady();
            memberLease?.Dispose();
            if (counted)
            {
                Interlocked.Decrement(ref activeSubscriptions);
            }

            operations.TryRemove(new KeyValuePair<string, Operation>(id, operation));
            operation.Dispose();
        }
    }

    /// <summary>
    /// When the token the connection signed in with expires, its subscriptions end with an error (the client signs in
    /// again on a new connection) and whatever it sends from then on runs anonymously.
    /// </summary>
    private async Task ExpireAsync(DateTimeOffset expires)
    {
        try
        {
            var wait = expires - time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait < TimeSpan.FromDays(30) ? wait : TimeSpan.FromDays(30), time, lifetime.Token);
            }
        }
        catch (OperationCanceledException)
        {
            return;
        }

        user = null;
        var expired = StreamingExecutor.ErrorResult(new SubscriptionError(SubscriptionErrorCodes.TokenExpired,
            "The token this connection signed in with has expired; sign in again on a new connection."));
        foreach (var (id, operation) in operations)
        {
            if (operations.TryRemove(new KeyValuePair<string, Operation>(id, operation)))
            {
                operation.Stop();
                SendError(id, expired);
            }
        }
    }

    private async Task CloseUnlessInitialisedAsync()
    {
        try
        {
            await Task.Delay(settings.ConnectionInitTimeout, time, lifetime.Token);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        if (!acknowledged && !closing)
        {
            Close(WebSocketCloseCodes.ConnectionInitialisationTimeout, "Connection initialisation timeout");
        }
    }

    private void SendNext(string id, ExecutionResult result) => Send(new Outgoing(Encoding.UTF8.GetBytes(NextMessage(id, result))));

    /// <summary>An event of a subscription: written, and charged to its subscriber (<paramref name="charge"/>), when its turn comes.</summary>
    private void SendEvent(Operation operation, ExecutionResult result, SubscriptionEventCharge? charge) =>
        Send(new Outgoing(Encoding.UTF8.GetBytes(NextMessage(operation.Id, result))) { Event = operation, Charge = charge });

    private string NextMessage(string id, ExecutionResult result) =>
        $$"""{"id":{{JsonSerializer.Serialize(id)}},"type":"next","payload":{{executor.Serialize(result)}}}""";

    private void SendError(string id, ExecutionResult result) => Send(new Outgoing(Encoding.UTF8.GetBytes(ErrorMessage(id, result))));

    private string ErrorMessage(string id, ExecutionResult result) =>
        $$"""{"id":{{JsonSerializer.Serialize(id)}},"type":"error","payload":{{executor.SerializeErrors(result)}}}""";

    private void SendComplete(string id) => Send($$"""{"id":{{JsonSerializer.Serialize(id)}},"type":"complete"}""");

    private void Send(string json) => Send(new Outgoing(Encoding.UTF8.GetBytes(json)));

    private void Send(Outgoing message)
    {
        if (closing)
        {
            return;
        }

        if (!outgoing.Writer.TryWrite(message))
        {
            // The client reads slower than its messages arrive: drop it rather than buffer without bound.
            if (message.Event is not null)
            {
                metrics?.RecordEventDropped(Transport);
            }

            closing = true;
            (closeCode, closeReason) = ((int)WebSocketCloseStatus.PolicyViolation, "slow consumer: too many pending messages");
            socket.Abort();
            lifetime.Cancel();
        }
    }

    /// <summary>Closes the socket with a protocol close code, after whatever is already queued.</summary>
    private void Close(int code, string reason)
    {
        if (closing)
        {
            return;
        }

        closing = true;
        (closeCode, closeReason) = (code, reason);
        if (!outgoing.Writer.TryWrite(Outgoing.Close(code, reason)))
        {
            socket.Abort();
            lifetime.Cancel();
            return;
        }

        // A client that does not answer the close frame is not waited for long.
        lifetime.CancelAfter(TimeSpan.FromSeconds(5));
    }

    private async Task WriteLoopAsync()
    {
        await foreach (var message in outgoing.Reader.ReadAllAsync(lifetime.Token))
        {
            if (message.CloseCode is { } code)
            {
                if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                {
                    await socket.CloseOutputAsync((WebSocketCloseStatus)code, message.CloseReason, lifetime.Token);
                }

                return;
            }

            if (message.Event is { } operation)
            {
                if (operation.RateLimited)
                {
                    // Queued before its subscription ran out of budget: not delivered after the error that ended it.
                    continue;
                }

                if (message.Charge is { } charge && await charge.TrySpendAsync(lifetime.Token) is { } refusal)
                {
                    EndRateLimited(operation, refusal);
                    await socket.SendAsync(Encoding.UTF8.GetBytes(ErrorMessage(operation.Id, StreamingExecutor.ErrorResult(refusal))),
                        WebSocketMessageType.Text, endOfMessage: true, lifetime.Token);
                    continue;
                }
            }

            await socket.SendAsync(message.Bytes, WebSocketMessageType.Text, endOfMessage: true, lifetime.Token);
            if (message.Event is not null)
            {
                Interlocked.Increment(ref eventCount);
                metrics?.RecordEventDelivered(Transport);
            }
        }
    }

    /// <summary>
    /// The subscriber could not pay for this event: its subscription ends with the error in the event's place (the write
    /// loop sends it), gone from the operations first so that the client may reuse its id as soon as it reads the error.
    /// </summary>
    private void EndRateLimited(Operation operation, ExecutionError refusal)
    {
        operation.RateLimited = true;
        operations.TryRemove(new KeyValuePair<string, Operation>(operation.Id, operation));
        operation.Stop();
        LogRateLimited(logger, Transport, user.GetMemberId(), refusal.Message);
    }

    /// <summary>A message to write; <see cref="Event"/> is the subscription an event belongs to, <see cref="Charge"/> what it costs.</summary>
    private sealed record Outgoing(byte[] Bytes, int? CloseCode = null, string? CloseReason = null)
    {
        public Operation? Event { get; init; }

        public SubscriptionEventCharge? Charge { get; init; }

        public static Outgoing Close(int code, string reason) => new([], code, reason);
    }

    /// <summary>One operation of the connection, under the id the client gave it; stopping it cancels its work and its stream.</summary>
    private sealed class Operation : IDisposable
    {
        private readonly CancellationTokenSource stop;

        private readonly TaskCompletionSource ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Operation(string id, CancellationToken connection)
        {
            Id = id;
            stop = CancellationTokenSource.CreateLinkedTokenSource(connection);
            Token = stop.Token;
        }

        public string Id { get; }

        public CancellationToken Token { get; }

        /// <summary>Completes when the operation's result is out or its stream is listening (or it failed).</summary>
        public Task Ready => ready.Task;

        public void SetReady() => ready.TrySetResult();

        /// <summary>Set by the write loop when its budget could not pay for an event: nothing more of it is written.</summary>
        public bool RateLimited { get; set; }

        /// <summary>The operation's whole run, its clean-up included; it never faults.</summary>
        public Task Finished { get; set; } = Task.CompletedTask;

        public void Stop()
        {
            try
            {
                stop.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // Already over.
            }
        }

        public void Dispose() => stop.Dispose();
    }

    [LoggerMessage(EventName = "GraphQLConnectionClosed", Level = LogLevel.Information,
        Message = "GraphQL {Transport} connection closed ({CloseCode} {CloseReason}); member {MemberId}, {SubscriptionCount} subscriptions, {EventCount} events, {DurationMs} ms")]
    private static partial void LogClosed(ILogger logger, string transport, int closeCode, string closeReason, string? memberId,
        long subscriptionCount, long eventCount, double durationMs);

    [LoggerMessage(EventName = "GraphQLSubscriptionRateLimited", Level = LogLevel.Information,
        Message = "GraphQL {Transport} subscription ended: its subscriber's rate limit could not pay for an event; member {MemberId}. {Reason}")]
    private static partial void LogRateLimited(ILogger logger, string transport, string? memberId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "A GraphQL operation on a WebSocket failed unexpectedly")]
    private static partial void LogOperationFailed(ILogger logger, Exception exception);
}
