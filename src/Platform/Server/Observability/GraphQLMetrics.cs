using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Platform.Server.Observability;

/// <summary>
/// The GraphQL instruments of meter <see cref="GraphQLTelemetryNames.MeterName"/>. Created through
/// <see cref="IMeterFactory"/>, so each host (and each test host) has instruments of its own.
/// <see cref="GraphQLOperationInstrumentation"/> records requests, duration, errors and the cost it finds in the user
/// context, and the requests the rate limiter refused (<see cref="RecordRateLimited"/>); the document cache its hits and
/// misses (<see cref="RecordDocumentCache"/>).
/// Inject it as an optional dependency (<c>GraphQLMetrics? metrics = null</c>) where telemetry may not be registered.
/// </summary>
internal sealed class GraphQLMetrics
{
    // Operation names are chosen by clients, so they stay out of the tags: a tag per name would let any client grow
    // the number of time series without bound. The span and the log line carry the name.
    private readonly Counter<long> requests;
    private readonly Histogram<double> duration;
    private readonly Counter<long> errors;
    private readonly Counter<long> cost;
    private readonly Counter<long> rateLimited;
    private readonly Counter<long> documentCacheHits;
    private readonly Counter<long> documentCacheMisses;
    private readonly UpDownCounter<long> connections;
    private readonly UpDownCounter<long> subscriptions;
    private readonly Counter<long> eventsDelivered;
    private readonly Counter<long> eventsDropped;
    private readonly GraphQLTelemetryNames names;

    public GraphQLMetrics(IMeterFactory meterFactory, GraphQLTelemetryNames names)
    {
        this.names = names;
        var meter = meterFactory.Create(new MeterOptions(names.MeterName));
        requests = meter.CreateCounter<long>(names.Instrument("requests"), "{operation}", "GraphQL operations executed.");
        duration = meter.CreateHistogram(names.Instrument("duration"), "s", "Duration of GraphQL operations, from parsing to the result.",
            advice: new InstrumentAdvice<double>
            {
                // OpenTelemetry's default buckets are meant for milliseconds; these are http.server.request.duration's.
                HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10],
            });
        errors = meter.CreateCounter<long>(names.Instrument("errors"), "{error}", "Errors in GraphQL results.");
        cost = meter.CreateCounter<long>(names.Instrument("cost"), "{point}", "Cost spent by GraphQL operations.");
        rateLimited = meter.CreateCounter<long>(names.Instrument("rate_limited"), "{request}", "GraphQL requests refused by the rate limiter.");
        documentCacheHits = meter.CreateCounter<long>(names.Instrument("document_cache.hits"), "{request}",
            "GraphQL requests whose document was already parsed and validated.");
        documentCacheMisses = meter.CreateCounter<long>(names.Instrument("document_cache.misses"), "{request}",
            "GraphQL requests whose document the cache did not hold, so it was parsed and validated.");
        connections = meter.CreateUpDownCounter<long>(names.Instrument("subscriptions.connections"), "{connection}",
            "Open streaming connections (WebSockets and server-sent event streams).");
        subscriptions = meter.CreateUpDownCounter<long>(names.Instrument("subscriptions.active"), "{subscription}", "Active GraphQL subscriptions.");
        eventsDelivered = meter.CreateCounter<long>(names.Instrument("subscriptions.events_delivered"), "{event}",
            "Subscription events handed to the connection (written to the socket or stream).");
        eventsDropped = meter.CreateCounter<long>(names.Instrument("subscriptions.events_dropped"), "{event}",
            "Subscription events dropped because their connection's queue was full (the connection is then closed).");
    }

    /// <summary>A streaming connection opened (+1) or closed (-1); <paramref name="transport"/> is "websocket" or "sse".</summary>
    public void RecordConnection(string transport, int delta) => connections.Add(delta, new KeyValuePair<string, object?>(names.TransportTag, transport));

    /// <summary>A subscription started (+1) or ended (-1).</summary>
    public void RecordSubscription(string transport, int delta) => subscriptions.Add(delta, new KeyValuePair<string, object?>(names.TransportTag, transport));

    public void RecordEventDelivered(string transport) => eventsDelivered.Add(1, new KeyValuePair<string, object?>(names.TransportTag, transport));

    public void RecordEventDropped(string transport) => eventsDropped.Add(1, new KeyValuePair<string, object?>(names.TransportTag, transport));

    /// <summary>One finished operation; <paramref name="operationType"/> is "query", "mutation", "subscription" or "unknown".</summary>
    public void RecordOperation(string operationType, TimeSpan elapsed, int requestErrors, int fieldErrors)
    {
        var type = new KeyValuePair<string, object?>(GraphQLTelemetryNames.OperationTypeAttribute, operationType);
        requests.Add(1, type);
        duration.Record(elapsed.TotalSeconds, type);
        if (requestErrors > 0)
        {
            errors.Add(requestErrors, type, new(names.ErrorKindTag, "request"));
        }

        if (fieldErrors > 0)
        {
            errors.Add(fieldErrors, type, new(names.ErrorKindTag, "field"));
        }
    }

    /// <summary>
    /// Cost spent. Called by <see cref="GraphQLOperationInstrumentation"/> with the value under
    /// <see cref="Limits.QueryCostRule.CostUserContextKey"/>; call it directly only for cost that never reaches a user
    /// context, or it is counted twice.
    /// </summary>
    public void RecordCost(long points, string operationType = "unknown")
    {
        if (points > 0)
        {
            cost.Add(points, new KeyValuePair<string, object?>(GraphQLTelemetryNames.OperationTypeAttribute, operationType));
        }
    }

    /// <summary>A request the document cache served (<paramref name="hit"/>) or had to parse and validate.</summary>
    public void RecordDocumentCache(bool hit) => (hit ? documentCacheHits : documentCacheMisses).Add(1);

    /// <summary>A request the rate limiter refused (it never became an operation, so nothing else counts it).</summary>
    public void RecordRateLimited()
    {
        rateLimited.Add(1);
        // The request span says why it ended, for whoever follows the trace.
        Activity.Current?.AddEvent(new ActivityEvent(names.RateLimitedEvent));
    }
}
