using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace SkillMatrix.Host.Tests.Infrastructure;

/// <summary>
/// The real Host over its own SQLite file, migrated and seeded from seeds/ by the Host's own start-up, with a
/// counter of the SQL statements it runs.
/// </summary>
public sealed class SkillMatrixFactory : WebApplicationFactory<Program>
{
    private readonly string databasePath = Path.Combine(Path.GetTempPath(), $"skillmatrix-test-{Guid.NewGuid():N}.db");

    public SqlStatementCounter Statements { get; } = new();

    public string ConnectionString => new SqliteConnectionStringBuilder { DataSource = databasePath }.ToString();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:SkillMatrix", ConnectionString);
        // Tests of the timeout set their own; the rest must not fail because a loaded CI machine is slow.
        builder.UseSetting("GraphQL:ExecutionTimeout", "00:01:00");
        builder.ConfigureTestServices(services => services.AddSingleton<IInterceptor>(Statements));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(databasePath + suffix);
        }
    }
}
