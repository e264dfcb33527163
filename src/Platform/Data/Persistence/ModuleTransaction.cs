using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Platform.Data.Events;

namespace Platform.Data.Persistence;

/// <summary>
/// One database transaction around a mutation, shared by every module's DbContext in the request (they share the
/// request's connection), so that a change crossing modules commits or rolls back as one. SQLite begins it
/// IMMEDIATE: the write lock is taken up front, so two writers queue on the busy timeout instead of deadlocking
/// into SQLITE_BUSY when both try to upgrade a read. On PostgreSQL it is READ COMMITTED, the handlers lock the rows
/// they decide on (<see cref="RowLock"/>), and the provider's execution strategy runs the whole transaction again
/// when it lost a race no lock could prevent (a deadlock, two inserts of one new key): hence the work is a function
/// that may run more than once. It must therefore do nothing outside the database but enqueue its events in the
/// request's <see cref="EventOutbox"/>: each rolled-back attempt drops what it enqueued, and only the committed one's
/// events are published, once, after <see cref="RunAsync{T}"/>'s transaction committed. Where a
/// <see cref="SingleWriter"/> is registered, each attempt waits for its turn first.
/// </summary>
public sealed class ModuleTransaction(IServiceProvider services, IEnumerable<MigratedContext> contexts)
{
    /// <summary>
    /// Runs <paramref name="work"/> in the transaction and commits when <paramref name="succeeded"/> says so;
    /// a refused or failed mutation is rolled back and leaves no row behind.
    /// </summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> work, Func<T, bool> succeeded, CancellationToken cancellationToken)
    {
        var enlisted = contexts.DistinctBy(c => c.ContextType).Select(c => (DbContext)services.GetRequiredService(c.ContextType)).ToList();
        var first = enlisted[0].Database;
        var result = await first.CreateExecutionStrategy().ExecuteAsync(attemptCancellation => AttemptAsync(enlisted, work, succeeded, attemptCancellation), cancellationToken);
        if (succeeded(result))
        {
            // Outside the strategy: the commit happened, and nothing after it may run the mutation again.
            services.GetService<EventOutbox>()?.Flush();
        }

        return result;
    }

    private async Task<T> AttemptAsync<T>(List<DbContext> enlisted, Func<Task<T>> work, Func<T, bool> succeeded, CancellationToken cancellationToken)
    {
        var first = enlisted[0].Database;
        // The turn is taken before the connection opens and given back after it closes, whatever happens in between.
        var writer = services.GetService<SingleWriter>();
        if (writer is not null)
        {
            await writer.EnterAsync(cancellationToken);
        }

        try
        {
            return await AttemptInTurnAsync(first, enlisted, work, succeeded, cancellationToken);
        }
        finally
        {
            writer?.Exit();
        }
    }

    private async Task<T> AttemptInTurnAsync<T>(DatabaseFacade first, List<DbContext> enlisted, Func<Task<T>> work, Func<T, bool> succeeded,
        CancellationToken cancellationToken)
    {
        await first.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var transaction = await first.BeginTransactionAsync(cancellationToken);
            foreach (var context in enlisted.Skip(1))
            {
                await context.Database.UseTransactionAsync(transaction.GetDbTransaction(), cancellationToken);
            }

            try
            {
                var result = await work();
                if (succeeded(result))
                {
                    await transaction.CommitAsync(cancellationToken);
                }
                else
                {
                    await RollBackAsync(transaction, enlisted);
                }

                return result;
            }
            catch
            {
                await RollBackAsync(transaction, enlisted);
                throw;
            }
            finally
            {
                foreach (var context in enlisted.Skip(1))
                {
                    await context.Database.UseTransactionAsync(null, CancellationToken.None);
                }
            }
        }
        finally
        {
            await first.CloseConnectionAsync();
        }
    }

    // Rolled back rows must not linger as tracked entities that a later SaveChanges (or the next attempt) would write,
    // nor their events be announced. A transaction whose connection broke (the server ended it) has nothing left to roll
    // back: the server did that.
    private async Task RollBackAsync(IDbContextTransaction transaction, List<DbContext> enlisted)
    {
        services.GetService<EventOutbox>()?.Discard();
        try
        {
            await transaction.RollbackAsync(CancellationToken.None);
        }
        catch (Exception exception) when (exception is DbException or InvalidOperationException)
        {
        }
        finally
        {
            foreach (var context in enlisted)
            {
                context.ChangeTracker.Clear();
            }
        }
    }
}
