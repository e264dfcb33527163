using GraphQL.DI;
using GraphQLParser.AST;
using Microsoft.Extensions.Options;
using Platform.Server.Limits;
using Platform.Server.Observability;

namespace Platform.Server.Caching;

/// <summary>
/// Parses and validates a document once per text: a GraphQL.NET <see cref="IConfigureExecution"/> step that hands the
/// executer the document it parsed and validated before, flagged as cached the engine's way (the validation rules
/// become <see cref="ExecutionOptions.CachedDocumentValidationRules"/>), so on a hit only the rules registered with
/// <c>useForCachedDocuments</c> run again: those that depend on the request (authorization, the cost of its variables
/// and the rate limit, the selected operation, GET-only-queries); the variables are always coerced anew. Bounded, least
/// recently used out first. The settings the skipped rules read (depth, aliases, introspection) are bound once, with no
/// reload, so what passed them stays passed. Ours because GraphQL.NET's <c>MemoryDocumentCache</c> (package
/// GraphQL.MemoryCache) is not on this project's package source.
/// </summary>
internal sealed class DocumentCache(IOptionsMonitor<DocumentCacheOptions> options, GraphQLMetrics? metrics = null) : IConfigureExecution
{
    private readonly LruMap<Key, Entry> entries = new();

    /// <summary>
    /// After the document's size and tokens are checked (<see cref="LimitsExecution"/>, 5) and inside the operation
    /// telemetry (10), so a hit is still one operation with its span and duration; after GraphQL.NET's option
    /// configurations (100), which compose the validation rule lists this step chooses between; before its execution
    /// configurations (200).
    /// </summary>
    public float SortOrder => 150;

    /// <summary>How many documents are cached now.</summary>
    public int Count => entries.Count;

    public async Task<ExecutionResult> ExecuteAsync(ExecutionOptions executionOptions, ExecutionDelegate next)
    {
        var bound = options.CurrentValue.MaxDocuments;
        // A document given already parsed or by persisted id is someone else's to cache.
        if (bound <= 0 || executionOptions.Document is not null || executionOptions.DocumentId is not null || executionOptions.Query is not { } query)
        {
            return await next(executionOptions).ConfigureAwait(false);
        }

        var key = new Key(DocumentHash.Of(executionOptions)!, executionOptions.OperationName);
        var cached = Find(key, query, executionOptions.Schema);
        metrics?.RecordDocumentCache(hit: cached is not null);
        if (cached is not null)
        {
            executionOptions.Document = cached;
            executionOptions.ValidationRules = executionOptions.CachedDocumentValidationRules ?? [];
        }

        var result = await next(executionOptions).ConfigureAwait(false);

        // Executed: every rule passed, so the request-independent ones will pass on any later request too. A document
        // refused by any rule, a request-dependent one included, is not kept: the next request validates it fully.
        if (cached is null && result.Executed && result.Document is { } document)
        {
            Add(new Entry(key, query, executionOptions.Schema, document), bound);
        }

        return result;
    }

    private GraphQLDocument? Find(Key key, string query, ISchema? schema) =>
        // The text is compared too, so a hash collision cannot serve another document; and the schema, which the
        // document was validated against.
        entries.TryGet(key, out var entry) && entry.Query == query && ReferenceEquals(entry.Schema, schema) ? entry.Document : null;

    private void Add(Entry entry, int bound) => entries.Set(entry.Key, entry, bound);

    /// <summary>
    /// The SHA-256 of the text, and the operation name: the shape and introspection limits check only the selected
    /// operation, so a document validated for one of its operations is not validated for the others.
    /// </summary>
    private readonly record struct Key(string Hash, string? OperationName);

    private sealed record Entry(Key Key, string Query, ISchema? Schema, GraphQLDocument Document);
}

/// <summary>The document cache (<c>GraphQL:DocumentCache</c>).</summary>
internal sealed class DocumentCacheOptions
{
    public const string SectionName = GraphQLLimitsOptions.SectionName + ":DocumentCache";

    /// <summary>Most documents kept (each with its operation name); 0 turns the cache off.</summary>
    public int MaxDocuments { get; set; } = 1000;
}
