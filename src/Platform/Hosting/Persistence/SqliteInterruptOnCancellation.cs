using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Platform.Hosting.Persistence;

/// <summary>
/// Makes a cancelled request stop its SQL on SQLite. EF Core passes the request's token down, but Microsoft.Data.Sqlite
/// only checks it before a statement starts (its <c>Cancel()</c> does nothing), so a long statement would run to the
/// end after a timeout or a disconnect. While an EF Core command runs, this interrupts the connection
/// (<c>sqlite3_interrupt</c>) when the token fires; the statement then fails at once and the token's cancellation is
/// what the request reports. Registered in the container, so every module's DbContext gets it.
/// </summary>
internal sealed class SqliteInterruptOnCancellation : DbCommandInterceptor
{
    private readonly ConcurrentDictionary<DbCommand, CancellationTokenRegistration> running = new(ReferenceEqualityComparer.Instance);

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Watch(command, cancellationToken);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Watch(command, cancellationToken);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Watch(command, cancellationToken);
        return ValueTask.FromResult(result);
    }

    // A reader's rows are stepped as they are read, so the watch lasts until the reader goes.
    public override InterceptionResult DataReaderClosing(DbCommand command, DataReaderClosingEventData eventData, InterceptionResult result)
    {
        Unwatch(command);
        return result;
    }

    public override ValueTask<InterceptionResult> DataReaderClosingAsync(DbCommand command, DataReaderClosingEventData eventData, InterceptionResult result)
    {
        Unwatch(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult DataReaderDisposing(DbCommand command, DataReaderDisposingEventData eventData, InterceptionResult result)
    {
        Unwatch(command);
        return result;
    }

    public override ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result,
        CancellationToken cancellationToken = default)
    {
        Unwatch(command);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result,
        CancellationToken cancellationToken = default)
    {
        Unwatch(command);
        return ValueTask.FromResult(result);
    }

    public override Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Unwatch(command);
        return Task.CompletedTask;
    }

    public override void CommandFailed(DbCommand command, CommandErrorEventData eventData) => Unwatch(command);

    private void Watch(DbCommand command, CancellationToken cancellationToken)
    {
        if (!cancellationToken.CanBeCanceled || command.Connection is not SqliteConnection connection)
        {
            return;
        }

        var registration = cancellationToken.Register(static state =>
        {
            // Interrupting a connection with no statement running does nothing, so a late callback is harmless.
            var handle = ((SqliteConnection)state!).Handle;
            if (handle is not null)
            {
                SQLitePCL.raw.sqlite3_interrupt(handle);
            }
        }, connection);
        if (!running.TryAdd(command, registration))
        {
            registration.Dispose();
        }
    }

    private void Unwatch(DbCommand command)
    {
        if (running.TryRemove(command, out var registration))
        {
            registration.Dispose();
        }
    }
}
