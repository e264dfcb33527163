using GraphQL.DI;
using Microsoft.Extensions.Options;
using Platform.Server.Http;

namespace Platform.Server.PersistedQueries;

/// <summary>
/// Automatic persisted queries as Apollo clients and HotChocolate speak them: a request may carry
/// <c>extensions.persistedQuery = { version: 1, sha256Hash }</c>. With the query, the hash must be its SHA-256 and the
/// text is kept once it executed; without it, the text kept under the hash is executed, or PERSISTED_QUERY_NOT_FOUND
/// asks the client to send it. A GraphQL.NET <see cref="IConfigureExecution"/> step before the limits (5), so the
/// document's size and tokens are checked on the stored text as on any other, and what follows (GET-only-queries,
/// the document cache) sees an ordinary query.
/// </summary>
internal sealed class AutomaticPersistedQueries(IOptionsMonitor<PersistedQueryOptions> options, PersistedQueryStore store)
    : IConfigureExecution, IGraphQLQuerySource
{
    internal const string ExtensionKey = "persistedQuery";

    /// <summary>First: the steps after it, the limits' size check included, read the query it supplies.</summary>
    public float SortOrder => 2;

    // A null extension names nothing: such a request without query is refused as any other.
    public bool CanSupply(string? documentId, Inputs? extensions) =>
        options.CurrentValue.Enabled && extensions is not null && extensions.TryGetValue(ExtensionKey, out var extension) && extension is not null;

    public async Task<ExecutionResult> ExecuteAsync(ExecutionOptions executionOptions, ExecutionDelegate next)
    {
        var settings = options.CurrentValue;
        if (!settings.Enabled || executionOptions.Extensions is not { } extensions
            || !extensions.TryGetValue(ExtensionKey, out var extension) || extension is null)
        {
            return await next(executionOptions).ConfigureAwait(false);
        }

        var persisted = extension as IReadOnlyDictionary<string, object?>;
        if (persisted is null || !persisted.TryGetValue("version", out var version) || version is not (1 or 1L))
        {
            return Refused(PersistedQueryError.VersionNotSupported());
        }

        var hash = persisted.TryGetValue("sha256Hash", out var value) && value is string text ? text.ToLowerInvariant() : null;
        if (executionOptions.Query is not { } query)
        {
            if (hash is null || store.Find(hash) is not { } stored)
            {
                return Refused(PersistedQueryError.NotFound());
            }

            executionOptions.Query = stored;
            return await next(executionOptions).ConfigureAwait(false);
        }

        if (hash is null || hash != DocumentHash.Of(executionOptions))
        {
            return Refused(PersistedQueryError.HashMismatch());
        }

        var result = await next(executionOptions).ConfigureAwait(false);
        // Kept only once it executed, as the document cache keeps it: a text refused by the limits or validation is
        // not served by hash, and nobody fills the store with documents that never run.
        if (result.Executed && settings.MaxDocuments > 0)
        {
            store.Add(hash, query, settings.MaxDocuments);
        }

        return result;
    }

    private static ExecutionResult Refused(PersistedQueryError error) => new() { Errors = [error] };
}
