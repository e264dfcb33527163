namespace SkillMatrix.Host.Tests.Host.Cli;

/// <summary>The <c>migrate</c> and <c>import</c> verbs of the built Host on PostgreSQL, run as a user runs them.</summary>
public sealed class PostgreSqlVerbTests : IDisposable
{
    private readonly string database = TestPostgres.CreateDatabase();

    [Fact]
    public async Task Migrate_creates_each_modules_tables_in_its_own_schema_and_import_fills_the_catalog_once()
    {
        var migrate = await HostCommand.RunOnPostgreSqlAsync(database, "migrate");
        Assert.True(migrate.ExitCode == 0, migrate.ToString());
        Assert.Contains("The database is up to date.", migrate.StandardOutput, StringComparison.Ordinal);
        var tables = TestPostgres.Dump(database);
        foreach (var table in new[] { "catalog.roles", "catalog.__migrations_catalog", "community.proposals", "community.__migrations_community", "assessment.__migrations_assessment" })
        {
            Assert.Contains($"== {table}:", tables, StringComparison.Ordinal);
        }

        var import = await HostCommand.RunOnPostgreSqlAsync(database, "import", ImportedSeedDatabase.SeedPage);
        Assert.True(import.ExitCode == 0, import.ToString());
        Assert.Contains("Created role backend-developer-python: 74 skills, 357 requirements", import.StandardOutput, StringComparison.Ordinal);
        var afterImport = TestPostgres.Dump(database);

        var again = await HostCommand.RunOnPostgreSqlAsync(database, "import", ImportedSeedDatabase.SeedPage);
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("Role backend-developer-python is already up to date", again.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(afterImport, TestPostgres.Dump(database));
    }

    public void Dispose() => TestPostgres.DropDatabase(database);
}
