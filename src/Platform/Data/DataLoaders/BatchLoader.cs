using GraphQL.DataLoader;

namespace Platform.Data.DataLoaders;

/// <summary>
/// Collects the keys that resolvers ask for while GraphQL.NET walks one level of the result, then fetches them
/// all with one call to <see cref="FetchAsync"/> when the first result is awaited. Values are cached for the
/// request, so a key asked for twice is fetched once. Register loaders as scoped: one per request.
/// </summary>
public abstract class BatchLoader<TKey, TValue> where TKey : notnull
{
    private readonly Dictionary<TKey, Entry> entries = [];
    private readonly SemaphoreSlim dispatching = new(1, 1);
    private List<TKey> pending = [];

    /// <summary>A deferred value: GraphQL.NET's execution strategy awaits it after the current level.</summary>
    public IDataLoaderResult<TValue?> Load(TKey key)
    {
        lock (entries)
        {
            if (!entries.TryGetValue(key, out var entry))
            {
                entry = new Entry();
                entries.Add(key, entry);
                pending.Add(key);
            }

            return new Result(this, entry);
        }
    }

    /// <summary>Fetches the values of <paramref name="keys"/>; a key missing from the answer loads as default.</summary>
    protected abstract Task<IReadOnlyDictionary<TKey, TValue>> FetchAsync(IReadOnlyList<TKey> keys, CancellationToken cancellationToken);

    private async Task DispatchAsync(Entry waiting, CancellationToken cancellationToken)
    {
        await dispatching.WaitAsync(cancellationToken);
        try
        {
            if (waiting.Loaded)
            {
                return; // an earlier batch held this key
            }

            List<TKey> keys;
            lock (entries)
            {
                keys = pending;
                pending = [];
            }

            IReadOnlyDictionary<TKey, TValue>? found = null;
            Exception? failure = null;
            try
            {
                found = await FetchAsync(keys, cancellationToken);
            }
            catch (Exception exception)
            {
                failure = exception;
            }

            lock (entries)
            {
                foreach (var key in keys)
                {
                    var entry = entries[key];
                    entry.Value = found is not null && found.TryGetValue(key, out var value) ? value : default;
                    entry.Failure = failure;
                    entry.Loaded = true;
                }
            }
        }
        finally
        {
            dispatching.Release();
        }
    }

    private sealed class Entry
    {
        public TValue? Value { get; set; }

        public bool Loaded { get; set; }

        /// <summary>Every field that waited on a failed batch fails with it, not with a silent null.</summary>
        public Exception? Failure { get; set; }
    }

    private sealed class Result(BatchLoader<TKey, TValue> loader, Entry entry) : IDataLoaderResult<TValue?>
    {
        public async Task<TValue?> GetResultAsync(CancellationToken cancellationToken = default)
        {
            if (!entry.Loaded)
            {
                await loader.DispatchAsync(entry, cancellationToken);
            }

            return entry.Failure is null ? entry.Value : throw new InvalidOperationException("Loading a batch failed.", entry.Failure);
        }

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) => await GetResultAsync(cancellationToken);
    }
}
