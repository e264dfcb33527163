using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Platform.Hosting.Persistence;

/// <summary>
/// What every SQLite connection of a request needs, at the least cost per statement.
/// <list type="bullet">
/// <item>The per-connection pragmas: <c>synchronous=NORMAL</c> is durable under WAL for everything but power loss; the
/// busy timeout makes a second writer wait instead of failing with SQLITE_BUSY; foreign keys are on by default in
/// Microsoft.Data.Sqlite, and set here again so that nothing depends on that default. They are properties of the native
/// connection, which Microsoft.Data.Sqlite's pool keeps open and hands out again, so they run once per native
/// connection, not on every open (they were three statements before each query). WAL itself is a property of the file,
/// set once by <see cref="DatabaseMigrator"/>.</item>
/// <item>One open per request: EF Core opens and closes the connection around every statement it did not find open.
/// The request's connection is scoped (every module's context shares it) and disposed, back to the pool, with the
/// request's scope, so its first statement opens it and it stays open until then: the closes EF Core asks for in
/// between are suppressed, and the next statement finds it open.</item>
/// <item>SQLite in multi-thread mode: in its default (serialized) mode every call into SQLite, one per column of every
/// row read, takes and releases the connection's mutex, which cost about 7% of the CPU of a request that reads a matrix.
/// A connection is only ever used by one request at a time (the pool hands it to one scope), which is all that
/// multi-thread mode asks; <c>sqlite3_interrupt</c>, called from the cancelling thread, takes no mutex in either mode.
/// </item>
/// </list>
/// </summary>
internal sealed class SqliteRequestConnection : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=5000;";

    public static readonly SqliteRequestConnection Instance = new();

    // Set before SQLite initializes, that is before the process's first connection opens; sqlite3_config refuses it
    // later (SQLITE_MISUSE), and SQLite then stays in its serialized mode, which is correct, only slower.
    private static readonly Lazy<int> MultiThreadMode = new(() =>
    {
        RuntimeHelpers.RunClassConstructor(typeof(SqliteConnection).TypeHandle); // loads the native library
        return SQLitePCL.raw.sqlite3_config(SQLitePCL.raw.SQLITE_CONFIG_MULTITHREAD);
    });

    /// <summary>A request's connection (not yet open).</summary>
    public static SqliteConnection Create(string connectionString)
    {
        _ = MultiThreadMode.Value;
        return new SqliteConnection(connectionString);
    }

    // The native connections that have had the pragmas; weak, so a native connection the pool lets go is forgotten.
    private readonly ConditionalWeakTable<object, object> configured = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (FirstOpenOf(connection))
        {
            using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            command.ExecuteNonQuery();
        }
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (FirstOpenOf(connection))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    public override InterceptionResult ConnectionClosing(DbConnection connection, ConnectionEventData eventData, InterceptionResult result) =>
        InterceptionResult.Suppress();

    public override ValueTask<InterceptionResult> ConnectionClosingAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result) =>
        ValueTask.FromResult(InterceptionResult.Suppress());

    private bool FirstOpenOf(DbConnection connection)
    {
        if (connection is not SqliteConnection { Handle: { } handle })
        {
            return true;
        }

        var first = false;
        configured.GetValue(handle, _ =>
        {
            first = true;
            return handle;
        });
        return first;
    }
}
