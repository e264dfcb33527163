using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Platform.Hosting.Persistence;

/// <summary>
/// EF Core's execution strategy on PostgreSQL: a mutation's whole transaction (<c>ModuleTransaction</c>, which runs
/// through it) is run again, on the rows as they are then, when it lost a race that a lock could not prevent:
/// <list type="bullet">
/// <item>a deadlock (40P01) or a serialization failure (40001): PostgreSQL rolled the transaction back;</item>
/// <item>a unique violation (23505): two transactions both found a key absent (a member's first action sent twice,
/// a new skill) and both inserted it; there is no row yet to lock, so the loser runs again and finds the winner's;</item>
/// <item>EF Core's concurrency exception: a row it read was deleted or changed before its write;</item>
/// <item>its server process was terminated (57P01, <c>pg_terminate_backend</c> or a fast shutdown): the server rolled
/// back what it had not committed, and the next attempt gets a new connection from the pool.</item>
/// </list>
/// Each of these means the transaction is rolled back and nothing was committed, so running again is safe; a
/// connection that broke without the server saying why is not retried (its commit might have happened) and reaches the
/// client as an error (INTERNAL, with the trace id, no details), as does the last failure when the retries run out. Bounded: after
/// <see cref="MaxRetries"/> the failure is the client's. The pauses are short and random, so that racers part.
/// Queries outside a mutation go through it too, and none of these errors happen to them.
/// </summary>
internal sealed class PostgreSqlMutationRetries(ExecutionStrategyDependencies dependencies)
    : ExecutionStrategy(dependencies, MaxRetries, TimeSpan.FromMilliseconds(500))
{
    public const int MaxRetries = 8;

    private static readonly HashSet<string> Retried = [PostgresErrorCodes.SerializationFailure, PostgresErrorCodes.DeadlockDetected, PostgresErrorCodes.UniqueViolation, PostgresErrorCodes.AdminShutdown];

    protected override bool ShouldRetryOn(Exception exception) => exception switch
    {
        DbUpdateConcurrencyException => true,
        PostgresException postgres => Retried.Contains(postgres.SqlState),
        DbUpdateException { InnerException: PostgresException postgres } => Retried.Contains(postgres.SqlState),
        _ => false,
    };

    protected override TimeSpan? GetNextDelay(Exception lastException) =>
        base.GetNextDelay(lastException) is null ? null
            : TimeSpan.FromMilliseconds(Random.Shared.Next(1, 10 << Math.Min(ExceptionsEncountered.Count, 5)));
}
