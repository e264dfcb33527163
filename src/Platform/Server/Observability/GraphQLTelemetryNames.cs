namespace Platform.Server.Observability;

/// <summary>
/// The names the GraphQL telemetry is found by: the activity source and meter to subscribe to, the span attributes,
/// and the <see cref="GraphQL.ExecutionOptions.UserContext"/> key through which the cost of an operation reaches it.
/// </summary>
public static class GraphQLTelemetryNames
{
    /// <summary>The <see cref="System.Diagnostics.ActivitySource"/> of the one span per GraphQL operation.</summary>
    public const string ActivitySourceName = "SkillMatrix.GraphQL";

    /// <summary>The <see cref="System.Diagnostics.Metrics.Meter"/> of the GraphQL counters and histograms.</summary>
    public const string MeterName = "SkillMatrix.GraphQL";

    /// <summary>The category of the one log line per GraphQL operation.</summary>
    public const string LoggerCategory = "SkillMatrix.GraphQL";

    /// <summary>
    /// Where whoever computes the cost of an operation (a validation rule, an <c>IConfigureExecution</c>, the endpoint)
    /// leaves it: <c>ExecutionOptions.UserContext["skillmatrix.cost"]</c> (or the same dictionary through
    /// <c>ValidationContext.UserContext</c> / <c>IResolveFieldContext.UserContext</c>), as any integral number. The span,
    /// the log line and the cost-spent counter read it when the operation ends; nobody needs to call the metrics too.
    /// </summary>
    public const string CostUserContextKey = "skillmatrix.cost";

    // Span attributes. The graphql.* ones are OpenTelemetry's semantic conventions for GraphQL; the rest are ours.
    public const string OperationNameAttribute = "graphql.operation.name";
    public const string OperationTypeAttribute = "graphql.operation.type";

    /// <summary>SHA-256 (hex) of the document text: it tells identical documents apart without recording their literals.</summary>
    public const string DocumentHashAttribute = "graphql.document.hash";

    public const string CostAttribute = "skillmatrix.cost";
    public const string ErrorCountAttribute = "skillmatrix.graphql.error_count";

    /// <summary>Metric tag: "request" for errors that stopped the operation before execution, "field" for the rest.</summary>
    public const string ErrorKindTag = "skillmatrix.graphql.error_kind";
}
