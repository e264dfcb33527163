using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace SkillMatrix.BuildingBlocks.Persistence;

/// <summary>Applies every module's pending migrations, in registration order.</summary>
public sealed class DatabaseMigrator(IServiceProvider services, IEnumerable<MigratedContext> contexts)
{
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        using var scope = services.CreateScope();
        foreach (var context in contexts.DistinctBy(c => c.ContextType))
        {
            var db = (DbContext)scope.ServiceProvider.GetRequiredService(context.ContextType);
            await db.Database.MigrateAsync(cancellationToken);
        }
    }
}
