namespace Platform.Server.Caching;

/// <summary>
/// A map bounded by count, least recently used out first, safe across threads: what the document cache and the
/// persisted-query store both keep, since anyone may send a new text and an unbounded map would be memory for the
/// asking.
/// </summary>
internal sealed class LruMap<TKey, TValue>(IEqualityComparer<TKey>? comparer = null)
    where TKey : notnull
{
    // A dictionary for the look-up and a list for the order of use, under one lock: every hit reorders the list, so
    // a concurrent dictionary alone would not do, and the work under the lock is a few pointer moves.
    private readonly Dictionary<TKey, LinkedListNode<(TKey Key, TValue Value)>> entries = new(comparer);
    private readonly LinkedList<(TKey Key, TValue Value)> byUse = new();
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

    /// <summary>The value under this key, marked as just used.</summary>
    public bool TryGet(TKey key, out TValue value)
    {
        lock (gate)
        {
            if (!entries.TryGetValue(key, out var node))
            {
                value = default!;
                return false;
            }

            byUse.Remove(node);
            byUse.AddFirst(node);
            value = node.Value.Value;
            return true;
        }
    }

    /// <summary>Adds or replaces the value, then drops the least recently used past <paramref name="bound"/>.</summary>
    public void Set(TKey key, TValue value, int bound)
    {
        lock (gate)
        {
            if (entries.Remove(key, out var existing))
            {
                byUse.Remove(existing);
            }

            entries[key] = byUse.AddFirst((key, value));
            while (entries.Count > bound && byUse.Last is { } oldest)
            {
                byUse.RemoveLast();
                entries.Remove(oldest.Value.Key);
            }
        }
    }
}
