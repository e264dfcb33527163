using Microsoft.EntityFrameworkCore;

namespace Platform.Data.Persistence;

/// <summary>
/// A module's DbContext: its tables go into the module's own schema where the database has schemas (PostgreSQL).
/// SQLite has none, and the modules' table names do not clash, so there they stay in the one database's tables.
/// What it adds keeps the answers the same on either database. Derived contexts call <c>base.OnModelCreating</c>
/// before mapping their entities.
/// </summary>
public abstract class ModuleDbContext(DbContextOptions options, string schema) : DbContext(options)
{
    // The platform's data layer references no provider, so SQLite is told by the provider's name.
    private const string SqliteProvider = "Microsoft.EntityFrameworkCore.Sqlite";

    private const long TicksPerMicrosecond = TimeSpan.TicksPerMicrosecond;

    private bool IsSqlite => Database.ProviderName == SqliteProvider;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        if (!IsSqlite)
        {
            modelBuilder.HasDefaultSchema(schema);
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        if (!IsSqlite)
        {
            // SQLite compares text by its bytes (BINARY); PostgreSQL by the database's locale, where "gRPC" sorts
            // after "GraphQL" and ties differ. The "C" collation compares bytes too, so sorting, keyset cursors and
            // lower() (ASCII only in both) give the same answers on both databases.
            configurationBuilder.Properties<string>().UseCollation("C");
        }
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        TruncateTimes();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        TruncateTimes();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    // .NET keeps time in 100 ns ticks, PostgreSQL in microseconds: a time written with ticks would read back changed
    // there and not on SQLite. Cut to whole microseconds before writing, on both, so that what a mutation answers
    // and what a later query reads are equal on either database.
    private void TruncateTimes()
    {
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified))
            {
                continue;
            }

            foreach (var property in entry.Properties)
            {
                if (property.CurrentValue is DateTime time && time.Ticks % TicksPerMicrosecond != 0)
                {
                    property.CurrentValue = new DateTime(time.Ticks - time.Ticks % TicksPerMicrosecond, time.Kind);
                }
            }
        }
    }
}
