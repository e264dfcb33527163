using Platform.Hosting.Persistence;

namespace SkillMatrix.Host.Seeding;

/// <summary>
/// Before the server listens: bring every module's tables up to date and, on first start, fill the catalog
/// from the seeds. A hosted service, so that the end-to-end tests' host prepares its database the same way.
/// Under the database's start-up lock: of several replicas starting at once, one migrates and seeds, the others
/// wait for it and then find nothing left to do.
/// </summary>
internal sealed class DatabasePreparation(DatabaseMigrator migrator, FirstStartSeeder seeder) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var startupLock = await migrator.LockAsync(cancellationToken);
        await migrator.MigrateAsync(cancellationToken);
        await seeder.SeedIfEmptyAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
