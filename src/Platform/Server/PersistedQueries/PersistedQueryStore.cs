namespace Platform.Server.PersistedQueries;

/// <summary>
/// The documents registered by hash, in memory and bounded (least recently used out first): anyone may register one,
/// so an unbounded store would be memory for the asking. A restart forgets them; clients register again on the
/// not-found answer.
/// </summary>
internal sealed class PersistedQueryStore
{
    // A dictionary for the look-up and a list for the order of use, under one lock, as the document cache does: every
    // hit reorders the list.
    private readonly Dictionary<string, LinkedListNode<(string Hash, string Query)>> entries = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Hash, string Query)> byUse = new();
    private readonly Lock gate = new();

    public int Count
    {
        get
        {
            lock (gate)
            {
                return entries.Count;
            }
        }
    }

    /// <summary>The text registered under this (lower-case hex) hash, or null.</summary>
    public string? Find(string hash)
    {
        lock (gate)
        {
            if (!entries.TryGetValue(hash, out var node))
            {
                return null;
            }

            byUse.Remove(node);
            byUse.AddFirst(node);
            return node.Value.Query;
        }
    }

    public void Add(string hash, string query, int bound)
    {
        lock (gate)
        {
            if (entries.Remove(hash, out var existing))
            {
                byUse.Remove(existing);
            }

            entries[hash] = byUse.AddFirst((hash, query));
            while (entries.Count > bound && byUse.Last is { } oldest)
            {
                byUse.RemoveLast();
                entries.Remove(oldest.Value.Hash);
            }
        }
    }
}
