using Microsoft.EntityFrameworkCore;

namespace Platform.Data.Persistence;

/// <summary>
/// A module's DbContext: its tables go into the module's own schema where the database has schemas (PostgreSQL).
/// SQLite has none, and the modules' table names do not clash, so there they stay in the one database's tables.
/// Derived contexts call <c>base.OnModelCreating</c> before mapping their entities.
/// </summary>
public abstract class ModuleDbContext(DbContextOptions options, string schema) : DbContext(options)
{
    // The platform's data layer references no provider, so SQLite is told by the provider's name.
    private const string SqliteProvider = "Microsoft.EntityFrameworkCore.Sqlite";

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        if (Database.ProviderName != SqliteProvider)
        {
            modelBuilder.HasDefaultSchema(schema);
        }
    }
}
