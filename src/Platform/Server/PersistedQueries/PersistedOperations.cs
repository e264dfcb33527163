using GraphQL.DI;
using Microsoft.Extensions.Options;
using Platform.Server.Http;

namespace Platform.Server.PersistedQueries;

/// <summary>
/// Persisted operations from a manifest (<c>GraphQL:PersistedOperations</c>), as HotChocolate and Apollo clients send
/// them: by document id (<c>id</c> or <c>documentId</c>, POST or GET) or by the APQ shape
/// (<c>extensions.persistedQuery.sha256Hash</c> without query). In <see cref="PersistedOperationMode.Only"/> mode
/// (trusted documents) nothing else runs: a text is accepted only when its SHA-256 is a manifest document's, and APQ
/// registration adds nothing. A GraphQL.NET <see cref="IConfigureExecution"/> step just before automatic persisted
/// queries (2), so the APQ store is consulted only for what the manifest leaves to it, and the limits (5) check the
/// manifest's text as any other.
/// </summary>
internal sealed class PersistedOperations(IOptionsMonitor<PersistedOperationOptions> options) : IConfigureExecution, IGraphQLQuerySource
{
    /// <summary>Before automatic persisted queries (2), which must not see what the manifest answers or refuses.</summary>
    public float SortOrder => 1;

    public bool CanSupply(string? documentId, Inputs? extensions)
    {
        var settings = options.CurrentValue;
        if (settings.Loaded is not { } manifest)
        {
            return false;
        }

        if (documentId is not null)
        {
            return true;
        }

        // A hash the manifest does not know is APQ's to answer, unless the manifest is all there is (Only: refused here).
        return PersistedQueryHash(extensions) is { } hash && (settings.Mode == PersistedOperationMode.Only || manifest.Find(hash) is not null);
    }

    public async Task<ExecutionResult> ExecuteAsync(ExecutionOptions executionOptions, ExecutionDelegate next)
    {
        var settings = options.CurrentValue;
        if (settings.Loaded is not { } manifest)
        {
            return await next(executionOptions).ConfigureAwait(false);
        }

        var only = settings.Mode == PersistedOperationMode.Only;
        if (string.IsNullOrEmpty(executionOptions.Query))
        {
            var hash = PersistedQueryHash(executionOptions.Extensions);
            if ((executionOptions.DocumentId ?? hash) is not { } id)
            {
                // Nothing named: the executer refuses a request without query as always.
                return await next(executionOptions).ConfigureAwait(false);
            }

            if (manifest.Find(id) is { } document)
            {
                executionOptions.Query = document;
                WithoutPersistedQuery(executionOptions);
                return await next(executionOptions).ConfigureAwait(false);
            }

            // Allow: an APQ hash the manifest does not know may be in the APQ store (or get the not-found that makes
            // the client register it). A document id is the manifest's alone.
            return executionOptions.DocumentId is null && !only
                ? await next(executionOptions).ConfigureAwait(false)
                : Refused(PersistedOperationError.NotFound());
        }

        if (!only)
        {
            return await next(executionOptions).ConfigureAwait(false);
        }

        // Trusted documents: the text itself must be one of the manifest's, byte for byte (its SHA-256, the hash the
        // document cache and the span use too); clients that send the full text of a trusted document keep working.
        if (DocumentHash.Of(executionOptions) is not { } textHash || !manifest.Trusts(textHash))
        {
            return Refused(PersistedOperationError.OnlyPersisted());
        }

        WithoutPersistedQuery(executionOptions);
        return await next(executionOptions).ConfigureAwait(false);
    }

    /// <summary>The <c>sha256Hash</c> of the APQ extension, or null.</summary>
    private static string? PersistedQueryHash(Inputs? extensions) =>
        extensions is not null && extensions.TryGetValue(AutomaticPersistedQueries.ExtensionKey, out var extension)
        && extension is IReadOnlyDictionary<string, object?> persisted && persisted.TryGetValue("sha256Hash", out var hash) && hash is string text
            ? text
            : null;

    /// <summary>
    /// Drops the APQ extension of a request the manifest answered: the APQ step would otherwise keep a copy of a
    /// manifest document in its store, or, in Only mode, register what it should not.
    /// </summary>
    private static void WithoutPersistedQuery(ExecutionOptions executionOptions)
    {
        if (executionOptions.Extensions is { } extensions && extensions.ContainsKey(AutomaticPersistedQueries.ExtensionKey))
        {
            executionOptions.Extensions = new Inputs(extensions.Where(pair => pair.Key != AutomaticPersistedQueries.ExtensionKey)
                .ToDictionary(pair => pair.Key, pair => pair.Value));
        }
    }

    private static ExecutionResult Refused(PersistedOperationError error) => new() { Errors = [error] };
}
