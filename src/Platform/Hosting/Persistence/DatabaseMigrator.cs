using Microsoft.EntityFrameworkCore;
using Platform.Data.Persistence;

namespace Platform.Hosting.Persistence;

/// <summary>Applies every module's pending migrations, in registration order.</summary>
public sealed class DatabaseMigrator(IServiceProvider services, IEnumerable<MigratedContext> contexts)
{
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        using var scope = services.CreateScope();
        var first = true;
        foreach (var context in contexts.DistinctBy(c => c.ContextType))
        {
            var db = (DbContext)scope.ServiceProvider.GetRequiredService(context.ContextType);
            if (first && db.Database.IsSqlite())
            {
                // WAL lets readers run beside the one writer; it is stored in the file, so once is enough.
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
                first = false;
            }

            await db.Database.MigrateAsync(cancellationToken);
        }
    }
}
