using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Platform.Hosting.Persistence;

/// <summary>
/// Sets the per-connection SQLite pragmas on every connection EF Core opens: <c>synchronous=NORMAL</c> is durable
/// under WAL for everything but power loss; the busy timeout makes a second writer wait instead of failing with
/// SQLITE_BUSY. Foreign keys are on by default in Microsoft.Data.Sqlite, and set here again so that nothing depends
/// on that default. WAL itself is a property of the file, set once by <see cref="DatabaseMigrator"/>, not on this
/// hot path.
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=5000;";

    public static readonly SqlitePragmas Instance = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
