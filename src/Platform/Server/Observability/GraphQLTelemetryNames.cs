namespace Platform.Server.Observability;

/// <summary>
/// The names the GraphQL telemetry is found by: the activity source and meter to subscribe to, the log category, the
/// span attributes and the instruments. The host names its product once (<see cref="For"/>); the OpenTelemetry
/// semantic-convention attributes (<c>graphql.*</c>) are the same for everyone.
/// </summary>
public sealed class GraphQLTelemetryNames
{
    // Span attributes of OpenTelemetry's semantic conventions for GraphQL.
    public const string OperationNameAttribute = "graphql.operation.name";
    public const string OperationTypeAttribute = "graphql.operation.type";

    /// <summary>SHA-256 (hex) of the document text: it tells identical documents apart without recording their literals.</summary>
    public const string DocumentHashAttribute = "graphql.document.hash";

    private readonly string prefix;

    private GraphQLTelemetryNames(string product)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(product);
        ActivitySourceName = product + ".GraphQL";
        prefix = product.ToLowerInvariant();
    }

    /// <summary>The names of <paramref name="product"/>'s telemetry: <c>{product}.GraphQL</c>, and <c>{product}.*</c> lower-cased.</summary>
    public static GraphQLTelemetryNames For(string product) => new(product);

    /// <summary>The <see cref="System.Diagnostics.ActivitySource"/> of the one span per GraphQL operation.</summary>
    public string ActivitySourceName { get; }

    /// <summary>The <see cref="System.Diagnostics.Metrics.Meter"/> of the GraphQL counters and histograms.</summary>
    public string MeterName => ActivitySourceName;

    /// <summary>The category of the one log line per GraphQL operation.</summary>
    public string LoggerCategory => ActivitySourceName;

    public string CostAttribute => prefix + ".cost";

    public string ErrorCountAttribute => Instrument("error_count");

    /// <summary>Metric tag: "request" for errors that stopped the operation before execution, "field" for the rest.</summary>
    public string ErrorKindTag => Instrument("error_kind");

    /// <summary>Metric tag of the subscription instruments: "websocket" or "sse".</summary>
    public string TransportTag => Instrument("transport");

    /// <summary>The event on the span of a request the rate limiter refused.</summary>
    public string RateLimitedEvent => prefix + ".rate_limited";

    /// <summary>The name of a GraphQL instrument (or attribute): <c>{product}.graphql.{name}</c>.</summary>
    public string Instrument(string name) => $"{prefix}.graphql.{name}";
}
