using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;
using Platform.Data.Persistence;

namespace Platform.Hosting.Persistence;

/// <summary>
/// Appends <c>FOR UPDATE</c> to a PostgreSQL query tagged with <see cref="RowLock.ForUpdate{T}"/>: the rows it reads
/// stay locked until the transaction ends, and a concurrent transaction's lock waits for them, then reads the
/// committed row (READ COMMITTED re-reads a row it waited for). SQLite's statements pass unchanged.
/// </summary>
internal sealed class PostgreSqlRowLocks : DbCommandInterceptor
{
    private const string Marker = "-- " + RowLock.Tag;

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Lock(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Lock(command);
        return ValueTask.FromResult(result);
    }

    private static void Lock(DbCommand command)
    {
        if (command is NpgsqlCommand && command.CommandText.StartsWith(Marker, StringComparison.Ordinal))
        {
            command.CommandText = command.CommandText.TrimEnd().TrimEnd(';') + " FOR UPDATE";
        }
    }
}
