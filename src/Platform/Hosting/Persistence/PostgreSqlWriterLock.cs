using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace Platform.Hosting.Persistence;

/// <summary>
/// One writing transaction at a time on PostgreSQL, as SQLite's IMMEDIATE transactions give on SQLite: every
/// transaction EF Core begins (a mutation's <c>ModuleTransaction</c>, a SaveChanges of its own, a migration) first
/// takes a transaction-level advisory lock, released by its commit or rollback. The mutations read, decide and write
/// in one transaction (a vote's tally, one accept of a proposal, one watch per member); under READ COMMITTED two of
/// them could both decide on the same old rows, so writers queue instead, and across replicas too, since the lock is
/// the database's. Reads take no lock and never wait. Finer locks can come later; this keeps the answers SQLite gives.
/// </summary>
internal sealed class PostgreSqlWriterLock(DatabaseConnection database) : DbTransactionInterceptor
{
    private readonly long key = DatabaseMigrator.LockKey(database.Name, "writer");

    public override DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        if (connection is NpgsqlConnection postgres)
        {
            using var command = Command(postgres, (NpgsqlTransaction)result);
            command.ExecuteNonQuery();
        }

        return result;
    }

    public override async ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result,
        CancellationToken cancellationToken = default)
    {
        if (connection is NpgsqlConnection postgres)
        {
            await using var command = Command(postgres, (NpgsqlTransaction)result);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return result;
    }

    // Sent on the connection itself, not through EF Core: the lock is no statement of the request's own.
    private NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", connection, transaction);
        command.Parameters.AddWithValue("key", key);
        return command;
    }
}
