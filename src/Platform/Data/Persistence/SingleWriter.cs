namespace Platform.Data.Persistence;

/// <summary>
/// The mutations of this process, one at a time and first come first served, on a database that takes one writer at a
/// time (SQLite; on PostgreSQL it lets everyone through). <see cref="ModuleTransaction"/> waits for its turn before it
/// begins its transaction.
/// </summary>
/// <remarks>
/// Without it, writers queue on SQLite's busy timeout, whose retries sleep in growing steps (1, 2, 5, 10 ... 100 ms): a
/// vote that took 2 ms at the median took 55 ms at the 99th percentile with four clients voting at once, most of it
/// asleep after the lock was free again. A writer in another process on the same file still queues on the busy timeout.
/// </remarks>
public sealed class SingleWriter(bool oneAtATime)
{
    private readonly SemaphoreSlim turn = new(1, 1);

    /// <summary>Waits for this caller's turn; <see cref="Exit"/> ends it. A cancelled wait takes no turn.</summary>
    public Task EnterAsync(CancellationToken cancellationToken) => oneAtATime ? turn.WaitAsync(cancellationToken) : Task.CompletedTask;

    public void Exit()
    {
        if (oneAtATime)
        {
            turn.Release();
        }
    }
}
