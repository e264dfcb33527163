using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Platform.Data.Events;

namespace Platform.Data.Persistence;

/// <summary>
/// One database transaction around a mutation, shared by every module's DbContext in the request (they share the
/// request's connection), so that a change crossing modules commits or rolls back as one. SQLite begins it
/// IMMEDIATE: the write lock is taken up front, so two writers queue on the busy timeout instead of deadlocking
/// into SQLITE_BUSY when both try to upgrade a read. On PostgreSQL the hosting layer's writer lock (an advisory lock
/// taken as the transaction begins) queues writers the same way, so a read-decide-write sees the rows as they are.
/// The events the mutation enqueued in the request's <see cref="EventOutbox"/> are published after the commit, and
/// dropped with a rollback.
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
                    services.GetService<EventOutbox>()?.Flush();
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

    // Rolled back rows must not linger as tracked entities that a later SaveChanges would write.
    private async Task RollBackAsync(IDbContextTransaction transaction, List<DbContext> enlisted)
    {
        services.GetService<EventOutbox>()?.Discard();
        await transaction.RollbackAsync(CancellationToken.None);
        foreach (var context in enlisted)
        {
            context.ChangeTracker.Clear();
        }
    }
}
