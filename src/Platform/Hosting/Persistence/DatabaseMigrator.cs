using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;
using Platform.Data.Persistence;

namespace Platform.Hosting.Persistence;

/// <summary>
/// Applies every module's pending migrations, in registration order; and, for replicas starting at once on one
/// PostgreSQL database, the lock under which exactly one of them migrates and seeds while the others wait.
/// </summary>
public sealed class DatabaseMigrator(IServiceProvider services, IEnumerable<MigratedContext> contexts, DatabaseConnection database)
{
    /// <summary>
    /// Holds the database's start-up lock until disposed: on PostgreSQL a session-level advisory lock
    /// (<c>pg_advisory_lock</c>) on a connection of its own, so a replica that dies while holding it frees it with its
    /// connection, and waiting costs no transaction. SQLite needs none: one file has one writer at a time, and the
    /// seed import is idempotent. A database that cannot be reached is a <see cref="DatabaseStartupException"/>.
    /// </summary>
    public async Task<IAsyncDisposable> LockAsync(CancellationToken cancellationToken = default)
    {
        if (database.Provider != DatabaseProvider.PostgreSql)
        {
            return NoLock.Instance;
        }

        var connection = services.GetRequiredService<NpgsqlDataSource>().CreateConnection();
        try
        {
            await Reach(() => connection.OpenAsync(cancellationToken));
            var key = LockKey(database.Name, "database-preparation");
            await using var command = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection);
            command.Parameters.AddWithValue("key", key);
            // No command timeout: a replica waits as long as the one migrating takes.
            command.CommandTimeout = 0;
            await command.ExecuteNonQueryAsync(cancellationToken);
            return new AdvisoryLock(connection, key);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Opens and closes one connection, so that a server that does not answer is a <see cref="DatabaseStartupException"/>
    /// before the host starts (and logs its failure with a stack trace).
    /// </summary>
    public async Task CheckConnectionAsync(CancellationToken cancellationToken = default)
    {
        using var scope = services.CreateScope();
        var connection = scope.ServiceProvider.GetRequiredService<DbConnection>();
        await Reach(() => connection.OpenAsync(cancellationToken));
        await connection.CloseAsync();
    }

    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        using var scope = services.CreateScope();
        var first = true;
        foreach (var context in contexts.DistinctBy(c => c.ContextType))
        {
            var db = (DbContext)scope.ServiceProvider.GetRequiredService(context.ContextType);
            if (first)
            {
                first = false;
                // The first contact with the database: a wrong host or password is said in one line, here.
                await Reach(() => db.Database.OpenConnectionAsync(cancellationToken));
                if (db.Database.IsSqlite())
                {
                    // WAL lets readers run beside the one writer; it is stored in the file, so once is enough.
                    await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
                }

                await db.Database.CloseConnectionAsync();
            }

            if (db.Database.IsNpgsql())
            {
                await CreateHistoryTableAsync(db, cancellationToken);
            }

            await db.Database.MigrateAsync(cancellationToken);
        }
    }

    // Npgsql reads the history table before it creates it and logs the failed read as an error on every first start
    // (npgsql/efcore.pg#3407). EF Core's own script for the table (and its schema), run first, leaves nothing to fail.
    // Under the start-up lock, so no other replica runs it at the same time.
    private static async Task CreateHistoryTableAsync(DbContext db, CancellationToken cancellationToken)
    {
        var script = db.GetService<IHistoryRepository>().GetCreateIfNotExistsScript();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = script;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task Reach(Func<Task> open)
    {
        try
        {
            await open();
        }
        catch (DbException exception)
        {
            throw new DatabaseStartupException($"{Database.Describe(database.Provider, database.ConnectionString)} cannot be used: {exception.Message}", exception);
        }
    }

    // Every process must compute the same key from the name (string.GetHashCode differs per process).
    internal static long LockKey(string name, string purpose) =>
        BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes($"{name}:{purpose}")), 0);

    private sealed class AdvisoryLock(NpgsqlConnection connection, long key) : IAsyncDisposable
    {
        // Unlocked by name: a pooled connection's reset (DISCARD ALL) would free it only when the pool reuses it.
        public async ValueTask DisposeAsync()
        {
            try
            {
                await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection);
                command.Parameters.AddWithValue("key", key);
                await command.ExecuteNonQueryAsync(CancellationToken.None);
            }
            finally
            {
                await connection.DisposeAsync();
            }
        }
    }

    private sealed class NoLock : IAsyncDisposable
    {
        public static readonly NoLock Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
