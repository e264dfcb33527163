using Microsoft.EntityFrameworkCore;

namespace Platform.Data.Persistence;

/// <summary>
/// Marks a query whose rows a mutation reads in order to decide and then write (a proposal's status and tally, a
/// member, a role's version): on PostgreSQL the hosting layer turns the tag into <c>SELECT ... FOR UPDATE</c>, so a
/// second transaction on the same rows waits for the first to commit and then reads what it wrote. On SQLite the tag
/// is a comment and nothing more: IMMEDIATE transactions already let one writer in at a time. EF Core has no
/// FOR UPDATE of its own, and the modules must not name a provider, hence a tag.
/// </summary>
public static class RowLock
{
    /// <summary>The tag's text, as EF Core writes it on the statement's first line (<c>-- {Tag}</c>).</summary>
    public const string Tag = "row lock: for update";

    /// <summary>Locks the rows this query reads until the mutation's transaction ends. Use on a plain single-table query.</summary>
    public static IQueryable<T> ForUpdate<T>(this IQueryable<T> query) => query.TagWith(Tag);
}
