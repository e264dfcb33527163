using Platform.Hosting.Persistence;

namespace SkillMatrix.Host.Seeding;

/// <summary>
/// Before the server listens: bring every module's tables up to date and, on first start, fill the catalog
/// from the seeds. A hosted service, so that the end-to-end tests' host prepares its database the same way.
/// </summary>
internal sealed class DatabasePreparation(DatabaseMigrator migrator, FirstStartSeeder seeder) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await migrator.MigrateAsync(cancellationToken);
        await seeder.SeedIfEmptyAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
