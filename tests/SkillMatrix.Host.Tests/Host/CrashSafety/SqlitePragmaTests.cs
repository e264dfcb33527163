using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Data.Persistence;
using Platform.Hosting.Persistence;

namespace SkillMatrix.Host.Tests.Host.CrashSafety;

/// <summary>
/// Every connection the app opens runs with the settings crash safety rests on: WAL (a commit is one append to the log,
/// so a killed process never leaves a half-written page behind), synchronous NORMAL or stricter, foreign keys enforced,
/// and a busy timeout so that queued writers wait instead of failing.
/// </summary>
public sealed class SqlitePragmaTests
{
    [Fact]
    public async Task Every_module_context_opens_its_connection_with_wal_synchronous_foreign_keys_and_a_busy_timeout()
    {
        await using var host = await TestHost.Start().BuildAsync();
        var contexts = host.Services.GetServices<MigratedContext>().Select(c => c.ContextType).Distinct().ToList();
        Assert.True(contexts.Count >= 3, $"Expected the Catalog, Community and Assessment contexts, found: {string.Join(", ", contexts.Select(t => t.Name))}");

        foreach (var contextType in contexts)
        {
            // A scope of its own per context: in one scope the contexts share a connection, and only the first open
            // would run the pragmas.
            using var scope = host.Services.CreateScope();
            var db = (DbContext)scope.ServiceProvider.GetRequiredService(contextType);
            var connection = db.Database.GetDbConnection();
            // Pooled SQLite handles keep per-connection pragmas from an earlier open (start-up's migrations); emptying
            // this database's pool makes the open below a new handle, so only the app's own open sets them.
            SqliteConnection.ClearPool((SqliteConnection)connection);

            await db.Database.OpenConnectionAsync();
            try
            {
                var pragmas = new Dictionary<string, string>
                {
                    ["journal_mode"] = await PragmaAsync(connection, "journal_mode"),
                    ["synchronous"] = await PragmaAsync(connection, "synchronous"),
                    ["foreign_keys"] = await PragmaAsync(connection, "foreign_keys"),
                    ["busy_timeout"] = await PragmaAsync(connection, "busy_timeout"),
                };
                var seen = $"{contextType.Name}: {string.Join(", ", pragmas.Select(p => $"{p.Key}={p.Value}"))}";

                Assert.True(string.Equals(pragmas["journal_mode"], "wal", StringComparison.OrdinalIgnoreCase), seen);
                // 1 NORMAL, 2 FULL, 3 EXTRA: NORMAL or stricter. 0 (OFF) could lose committed transactions in a crash.
                Assert.True(int.Parse(pragmas["synchronous"], CultureInfo.InvariantCulture) is >= 1 and <= 3, seen);
                Assert.True(pragmas["foreign_keys"] == "1", seen);
                Assert.True(int.Parse(pragmas["busy_timeout"], CultureInfo.InvariantCulture) >= 1000, seen);
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }
    }

    private static async Task<string> PragmaAsync(DbConnection connection, string name)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {name};";
        return Convert.ToString(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture) ?? "";
    }
}
