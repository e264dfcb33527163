using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SkillMatrix.Catalog.Data;
using SkillMatrix.Catalog.Seeding;

namespace SkillMatrix.Catalog.Tests;

/// <summary>
/// A private SQLite database in memory, migrated like the real one. The connection stays open for the
/// life of the test because an in-memory database disappears with its last connection; every context
/// created here shares it, so a fresh context sees exactly what was committed.
/// </summary>
internal sealed class CatalogDatabase : IAsyncDisposable
{
    private readonly SqliteConnection connection;

    private CatalogDatabase(SqliteConnection connection) => this.connection = connection;

    public ListLogger<SeedImporter> Logger { get; } = new();

    public static async Task<CatalogDatabase> CreateAsync()
    {
        var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        var database = new CatalogDatabase(connection);
        await using var db = database.CreateContext();
        await db.Database.MigrateAsync();
        return database;
    }

    public static async Task<CatalogDatabase> WithRoleAsync()
    {
        var database = await CreateAsync();
        await database.ImportAsync(SeedText.Original);
        return database;
    }

    public CatalogDbContext CreateContext() =>
        new(new DbContextOptionsBuilder<CatalogDbContext>()
            .UseSqlite(connection, sqlite => sqlite.MigrationsHistoryTable("__migrations_catalog"))
            .Options);

    /// <summary>Imports with a context of its own, as a request scope would.</summary>
    public async Task<SeedImportResult> ImportAsync(string text, string fileName = SeedText.FileName, bool force = false)
    {
        await using var db = CreateContext();
        return await new SeedImporter(db, Logger).ImportAsync(fileName, text, force);
    }

    /// <summary>Every row of every table, sorted, so that two dumps are equal exactly when the data is.</summary>
    public async Task<string> DumpAsync()
    {
        var tables = new List<string>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var dump = new StringBuilder();
        foreach (var table in tables)
        {
            var rows = new List<string>();
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table}\"";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                rows.Add(string.Join(" | ", Enumerable.Range(0, reader.FieldCount).Select(i => $"{reader.GetName(i)}={(reader.IsDBNull(i) ? "NULL" : reader.GetValue(i))}")));
            }

            rows.Sort(StringComparer.Ordinal);
            dump.Append(table).Append(": ").Append(rows.Count).Append(" rows\n");
            foreach (var row in rows)
            {
                dump.Append("  ").Append(row).Append('\n');
            }
        }

        return dump.ToString();
    }

    public async ValueTask DisposeAsync() => await connection.DisposeAsync();
}
