using System.Diagnostics;
using System.Security.Claims;
using System.Text;
using System.Threading.Channels;
using GraphQL.Transport;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Server.Http;
using Platform.Server.Limits;
using Platform.Server.Observability;
using Platform.Server.Security;

namespace Platform.Server.Subscriptions;

/// <summary>
/// GraphQL over server-sent events, the graphql-sse protocol's distinct connections mode
/// (https://github.com/enisdenjo/graphql-sse/blob/master/PROTOCOL.md): <c>POST</c> to the GraphQL endpoint with
/// <c>Accept: text/event-stream</c> and the usual JSON body; the answer is a stream of <c>next</c> events, then one
/// <c>complete</c>. The member signs in with the usual Authorization header. One operation per request; a query or
/// mutation is one <c>next</c>. As on a WebSocket, events wait in a bounded queue and a reader too slow for them is
/// disconnected.
/// </summary>
internal sealed partial class GraphQLSseTransport(
    IOptionsMonitor<SubscriptionOptions> options,
    IOptionsMonitor<GraphQLHttpOptions> httpOptions,
    IGraphQLSerializer serializer,
    IEnumerable<IGraphQLQuerySource> querySources,
    StreamingExecutor executor,
    SubscriptionLimiter limiter,
    ILogger<GraphQLSseTransport> logger,
    GraphQLMetrics? metrics = null,
    TimeProvider? time = null,
    IHostApplicationLifetime? application = null) : IGraphQLAlternateTransport
{
    public const string EventStreamMediaType = "text/event-stream";

    private const string Transport = "sse";

    private readonly IGraphQLQuerySource[] querySources = [.. querySources];

    private readonly TimeProvider time = time ?? TimeProvider.System;

    public bool Accepts(HttpContext context) =>
        HttpMethods.IsPost(context.Request.Method)
        && context.Request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals(EventStreamMediaType, StringComparison.OrdinalIgnoreCase));

    public async Task HandleAsync(HttpContext context)
    {
        var settings = options.CurrentValue;
        using var lease = await limiter.TryOpenConnectionAsync(context.Connection.RemoteIpAddress?.ToString(), context.RequestAborted);
        if (lease is null)
        {
            await StreamingResponses.RefuseConnectionAsync(context, settings.MaxConnectionsPerClientIp, executor);
            return;
        }

        var read = await GraphQLRequestReader.ReadPostAsync(context, httpOptions.CurrentValue.MaxRequestBodyBytes, serializer,
            (documentId, extensions) => querySources.Any(source => source.CanSupply(documentId, extensions)));
        if (read.Rejection is { } rejection)
        {
            // Not a stream yet: refused as GraphQL over HTTP refuses it.
            context.Response.StatusCode = rejection.StatusCode;
            context.Response.ContentType = "application/json; charset=utf-8";
            await context.Response.WriteAsync(executor.Serialize(StreamingExecutor.ErrorResult(new GraphQLHttpError(rejection.Code, rejection.Message))),
                context.RequestAborted);
            return;
        }

        var body = read.Request!;
        var request = new GraphQLRequest
        {
            Query = body.Query,
            OperationName = body.OperationName,
            Variables = body.Variables,
            Extensions = body.Extensions,
            DocumentId = body.DocumentId,
        };

        metrics?.RecordConnection(Transport, 1);
        var started = Stopwatch.GetTimestamp();
        var stream = new EventStream(context, settings.MaxPendingMessages);
        var (subscribed, outcome) = (false, "completed");
        try
        {
            (subscribed, outcome) = await RunAsync(context, request, stream, settings);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            outcome = stream.Overflowed ? "slow consumer: too many pending messages" : "closed by the client";
        }
        finally
        {
            metrics?.RecordConnection(Transport, -1);
            LogClosed(logger, Transport, outcome, context.User.GetMemberId(), subscribed ? 1 : 0, stream.Delivered,
                Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    private async Task<(bool Subscribed, string Outcome)> RunAsync(HttpContext context, GraphQLRequest request, EventStream stream, SubscriptionOptions settings)
    {
        var user = context.User;
        var result = await executor.ExecuteAsync(request, user, context.RequestServices, context.RequestAborted);
        if (result.Streams is not { Count: > 0 } streams)
        {
            await stream.StartAsync();
            await stream.WriteNowAsync(executor.Serialize(result));
            await stream.CompleteAsync();
            return (false, StreamingExecutor.IsRefusal(result) ? "refused" : "completed");
        }

        using var memberLease = await limiter.TrySubscribeAsync(user.GetMemberId(), context.RequestAborted);
        if (memberLease is null)
        {
            await stream.StartAsync();
            await stream.WriteNowAsync(executor.Serialize(StreamingExecutor.ErrorResult(new SubscriptionError(SubscriptionErrorCodes.SubscriptionsExceeded,
                $"A member may have at most {settings.MaxSubscriptionsPerMember} active subscriptions.", settings.MaxSubscriptionsPerMember))));
            await stream.CompleteAsync();
            return (false, "refused");
        }

        metrics?.RecordSubscription(Transport, 1);
        try
        {
            using var subscription = streams.Values.First().Subscribe(new CallbackObserver<ExecutionResult>(
                next =>
                {
                    if (!stream.TryQueue(executor.Serialize(next)))
                    {
                        metrics?.RecordEventDropped(Transport);
                        context.Abort();
                    }
                },
                _ => stream.End(executor.Serialize(StreamingExecutor.ErrorResult(new ExecutionError("The event stream failed.")))),
                () => stream.End(null)));
            // The headers go out once the subscription listens: a client that has them misses no event after them.
            await stream.StartAsync();

            // On shutdown (SIGTERM) the stream ends with `complete`, which a client can act on, instead of being cut.
            using var shutdown = (application?.ApplicationStopping ?? CancellationToken.None).Register(() => stream.End(null, "server shutting down"));
            using var expiry = new CancellationTokenSource();
            if (user.ExpiresAt() is { } expires)
            {
                _ = ExpireAsync(expires, stream, expiry.Token);
            }

            var charge = SubscriptionEventCharge.For(context.RequestServices);
            var outcome = await stream.PumpAsync(metrics, charge, error => executor.Serialize(StreamingExecutor.ErrorResult(error)), context.RequestAborted);
            await expiry.CancelAsync();
            return (true, outcome);
        }
        finally
        {
            metrics?.RecordSubscription(Transport, -1);
        }
    }

    private async Task ExpireAsync(DateTimeOffset expires, EventStream stream, CancellationToken cancellationToken)
    {
        try
        {
            var wait = expires - time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait < TimeSpan.FromDays(30) ? wait : TimeSpan.FromDays(30), time, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            return;
        }

        stream.End(executor.Serialize(StreamingExecutor.ErrorResult(new SubscriptionError(SubscriptionErrorCodes.TokenExpired,
            "The token this stream was opened with has expired; sign in again on a new request."))), "token expired");
    }

    [LoggerMessage(EventName = "GraphQLConnectionClosed", Level = LogLevel.Information,
        Message = "GraphQL {Transport} connection closed ({Outcome}); member {MemberId}, {SubscriptionCount} subscriptions, {EventCount} events, {DurationMs} ms")]
    private static partial void LogClosed(ILogger logger, string transport, string outcome, string? memberId, int subscriptionCount, long eventCount, double durationMs);

    /// <summary>The response as an event stream: events queue (bounded) and one loop writes them in order.</summary>
    private sealed class EventStream(HttpContext context, int capacity)
    {
        private readonly Channel<(string? Data, bool Last, string? Outcome)> queue =
            Channel.CreateBounded<(string?, bool, string?)>(new BoundedChannelOptions(Math.Max(1, capacity)) { SingleReader = true });

        private int ended;

        public long Delivered { get; private set; }

        public bool Overflowed { get; private set; }

        public async Task StartAsync()
        {
            var response = context.Response;
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = EventStreamMediaType + "; charset=utf-8";
            response.Headers.CacheControl = "no-cache";
            // Proxies (nginx) would otherwise hold the events back to fill their buffers.
            response.Headers["X-Accel-Buffering"] = "no";
            context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
            await response.Body.FlushAsync(context.RequestAborted);
        }

        public bool TryQueue(string data)
        {
            if (Volatile.Read(ref ended) != 0)
            {
                return true;
            }

            if (queue.Writer.TryWrite((data, false, null)))
            {
                return true;
            }

            Overflowed = true;
            return false;
        }

        /// <summary>Ends the stream after what is queued: an optional last <c>next</c>, then <c>complete</c>.</summary>
        public void End(string? lastData, string outcome = "completed")
        {
            if (Interlocked.Exchange(ref ended, 1) == 0)
            {
                // A full queue cannot take the end: the reader is too slow anyway, and is disconnected.
                if (!queue.Writer.TryWrite((lastData, true, outcome)))
                {
                    Overflowed = true;
                    context.Abort();
                }
            }
        }

        /// <summary>
        /// Writes what is queued until the end. Each event is first charged (<paramref name="charge"/>); one the
        /// subscriber cannot pay for ends the stream: a <c>next</c> with the RATE_LIMITED error, then <c>complete</c>.
        /// </summary>
        public async Task<string> PumpAsync(GraphQLMetrics? metrics, SubscriptionEventCharge? charge, Func<ExecutionError, string> serializeError,
            CancellationToken cancellationToken)
        {
            await foreach (var (data, last, outcome) in queue.Reader.ReadAllAsync(cancellationToken))
            {
                if (data is not null && !last && charge is not null && await charge.TrySpendAsync(cancellationToken) is { } refusal)
                {
                    Volatile.Write(ref ended, 1);
                    await WriteNowAsync(serializeError(refusal));
                    await CompleteAsync();
                    return "rate limited: " + refusal.Message;
                }

                if (data is not null)
                {
                    await WriteNowAsync(data);
                    if (!last)
                    {
                        Delivered++;
                        metrics?.RecordEventDelivered(Transport);
                    }
                }

                if (last)
                {
                    await CompleteAsync();
                    return outcome ?? "completed";
                }
            }

            return "completed";
        }

        public async Task WriteNowAsync(string data)
        {
            await context.Response.WriteAsync($"event: next\ndata: {data}\n\n", Encoding.UTF8, context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
        }

        public async Task CompleteAsync()
        {
            await context.Response.WriteAsync("event: complete\ndata:\n\n", Encoding.UTF8, context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
        }
    }
}
