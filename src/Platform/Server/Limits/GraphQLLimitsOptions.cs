namespace Platform.Server.Limits;

/// <summary>
/// What one GraphQL request may ask of the server, bound from the <see cref="SectionName"/> section. Every limit is
/// checked before anything executes, and each refusal has its own code (<see cref="LimitErrorCodes"/>).
/// </summary>
public sealed class GraphQLLimitsOptions
{
    public const string SectionName = "GraphQL";

    /// <summary>Deepest nesting of fields in the operation (introspection fields aside, see <see cref="MaxIntrospectionOfTypeDepth"/>).</summary>
    public int MaxDepth { get; set; } = 12;

    /// <summary>Most aliases in the operation and the fragments it uses: aliases are how one request repeats a costly field.</summary>
    public int MaxAliases { get; set; } = 15;

    /// <summary>Most directives in the operation and the fragments it uses.</summary>
    public int MaxDirectives { get; set; } = 50;

    /// <summary>Most lexical tokens in the document (comments aside), counted before it is parsed.</summary>
    public int MaxTokens { get; set; } = 2000;

    /// <summary>Longest document (the <c>query</c> text), in UTF-8 bytes, checked before it is parsed. 32 KiB.</summary>
    public int MaxDocumentBytes { get; set; } = 32 * 1024;

    /// <summary>
    /// Introspection (<c>__schema</c>, <c>__type</c>) describes a fixed schema and touches no data, so it is exempt from
    /// <see cref="MaxDepth"/> (GraphiQL's own query is 14 deep); instead a field may not repeat along a path inside it
    /// (no <c>fields { type { fields ... } }</c>), except <c>ofType</c>, up to this many times.
    /// </summary>
    public int MaxIntrospectionOfTypeDepth { get; set; } = 16;

    /// <summary>Whether <c>__schema</c> and <c>__type</c> may be queried; <c>__typename</c> always may.</summary>
    public bool Introspection { get; set; } = true;

    /// <summary>
    /// Deepest nesting of objects and lists in a value, literal or variable alike (a filter's and/or: two a level).
    /// </summary>
    public int MaxInputDepth { get; set; } = 32;

    /// <summary>Validation errors reported per request; past it one error says how many more there were.</summary>
    public int MaxValidationErrors { get; set; } = 5;

    /// <summary>
    /// Whether validation messages keep GraphQL.NET's "Did you mean ...?" suggestions, which spell out the schema to
    /// someone guessing at it. Null (the default): only in the Development environment.
    /// </summary>
    public bool? FieldSuggestions { get; set; }

    /// <summary>How long one request may run (validation and execution) before it is cancelled, SQL included.</summary>
    public TimeSpan ExecutionTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public GraphQLCostOptions Cost { get; set; } = new();

    public GraphQLRateLimitOptions RateLimit { get; set; } = new();
}

/// <summary>The static cost analysis (<c>GraphQL:Cost</c>); see <see cref="QueryCostAnalyzer"/> for the model.</summary>
public sealed class GraphQLCostOptions
{
    /// <summary>Most cost points one request may have.</summary>
    public int MaxQueryCost { get; set; } = 25_000;

    /// <summary>How many items a plain list field (no <c>first</c>/<c>last</c>) is assumed to return when nothing says otherwise.</summary>
    public int AssumedListSize { get; set; } = 50;

    /// <summary>What each root field of a mutation adds to the cost: writes cost more than reads.</summary>
    public int MutationCost { get; set; } = 10;

    /// <summary>
    /// Per-field list sizes keyed <c>Type.field</c> (e.g. <c>Role.requirements</c>), for lists whose real length is far
    /// from <see cref="AssumedListSize"/>. They win over a field's <c>ListSize(...)</c> metadata, so operators can tune
    /// them without a release.
    /// </summary>
    public Dictionary<string, int> ListSizes { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Per-field weights keyed <c>Type.field</c>, winning over <c>Cost(...)</c> metadata.</summary>
    public Dictionary<string, int> Weights { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>
/// Rate limiting in cost points (<c>GraphQL:RateLimit</c>), GitHub's model: each request spends its computed cost, per
/// signed-in member (the <c>sub</c> claim), else per client IP address.
/// </summary>
public sealed class GraphQLRateLimitOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>Points each member (or address) gets per minute; also the most that can be saved up for a burst.</summary>
    public int PointsPerMinute { get; set; } = 1_000_000;
}
