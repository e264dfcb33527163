using Platform.Server.Caching;

namespace Platform.Server.PersistedQueries;

/// <summary>
/// The documents registered by hash, in memory and bounded (least recently used out first). A restart forgets them;
/// clients register again on the not-found answer.
/// </summary>
internal sealed class PersistedQueryStore
{
    private readonly LruMap<string, string> byHash = new(StringComparer.Ordinal);

    public int Count => byHash.Count;

    /// <summary>The text registered under this (lower-case hex) hash, or null.</summary>
    public string? Find(string hash) => byHash.TryGet(hash, out var query) ? query : null;

    public void Add(string hash, string query, int bound) => byHash.Set(hash, query, bound);
}
