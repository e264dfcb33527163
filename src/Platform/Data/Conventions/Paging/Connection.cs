namespace Platform.Data.Conventions.Paging;

/// <summary>One page of a Relay connection.</summary>
public sealed record Connection<T>(IReadOnlyList<Edge<T>> Edges, PageInfo PageInfo, int? TotalCount)
{
    public IEnumerable<T> Nodes => Edges.Select(e => e.Node);
}

/// <summary>
/// An item of a page and its cursor, encoded only when read: a client that selects only <c>nodes</c> costs no cursors.
/// </summary>
public sealed class Edge<T>(Func<string> encode, T node)
{
    private string? cursor;

    public string Cursor => cursor ??= encode();

    public T Node { get; } = node;
}

public sealed record PageInfo(bool HasNextPage, bool HasPreviousPage, Func<string?> StartCursorOf, Func<string?> EndCursorOf)
{
    public string? StartCursor => StartCursorOf();

    public string? EndCursor => EndCursorOf();
}
