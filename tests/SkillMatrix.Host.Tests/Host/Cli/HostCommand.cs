using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;

namespace SkillMatrix.Host.Tests.Host.Cli;

/// <summary>
/// The built Host as a user runs it: <c>dotnet SkillMatrix.Host.dll &lt;verb&gt;</c> in a child process, the Host's dll
/// being copied next to the tests. Each test database is a temp file handed to the child only, through
/// <c>ConnectionStrings__SkillMatrix</c>, so the user's own database is never touched.
/// </summary>
internal static class HostCommand
{
    private const string HostDll = "SkillMatrix.Host.dll";

    public static Task<ChildProcessResult> RunAsync(string databasePath, params string[] arguments) =>
        RunAsync(databasePath, new Dictionary<string, string>(), arguments);

    /// <summary>As <see cref="RunAsync(string, string[])"/>, with more settings for the child (environment variables).</summary>
    public static Task<ChildProcessResult> RunAsync(string databasePath, IReadOnlyDictionary<string, string> environment, params string[] arguments) =>
        ChildProcess.RunAsync(DotnetHost(), [Path.Combine(AppContext.BaseDirectory, HostDll), .. arguments],
            workingDirectory: Path.GetTempPath(),
            environment: new Dictionary<string, string>(environment)
            {
                ["ConnectionStrings__SkillMatrix"] = new SqliteConnectionStringBuilder { DataSource = databasePath }.ToString(),
            },
            notStartedHint: "The .NET SDK's `dotnet` must be on PATH (or DOTNET_HOST_PATH set).");

    /// <summary>As <see cref="RunAsync(string, string[])"/>, on the PostgreSQL database <paramref name="connectionString"/>.</summary>
    public static Task<ChildProcessResult> RunOnPostgreSqlAsync(string connectionString, params string[] arguments) =>
        RunWithSettingsAsync(new Dictionary<string, string>
        {
            ["Database__Provider"] = "PostgreSQL",
            ["ConnectionStrings__SkillMatrix"] = connectionString,
        }, arguments);

    /// <summary>The Host with exactly these settings (environment variables) for its database.</summary>
    public static Task<ChildProcessResult> RunWithSettingsAsync(IReadOnlyDictionary<string, string> environment, params string[] arguments) =>
        ChildProcess.RunAsync(DotnetHost(), [Path.Combine(AppContext.BaseDirectory, HostDll), .. arguments],
            workingDirectory: Path.GetTempPath(),
            environment: environment,
            notStartedHint: "The .NET SDK's `dotnet` must be on PATH (or DOTNET_HOST_PATH set).");

    /// <summary>A path for a database file that does not exist yet.</summary>
    public static string NewDatabasePath() => Path.Combine(Path.GetTempPath(), $"skillmatrix-cli-{Guid.NewGuid():N}.db");

    public static void DeleteDatabase(string path)
    {
        SqliteConnection.ClearPool(new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path }.ToString()));
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(path + suffix);
        }
    }

    /// <summary>
    /// Every table's contents as text, rows sorted, so two dumps are equal exactly when no row was added, removed
    /// or changed. Read with a private, unpooled connection, which writes nothing.
    /// </summary>
    public static string Dump(string databasePath)
    {
        using var connection = Open(databasePath);
        var tables = new List<string>();
        using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name";
            using var reader = list.ExecuteReader();
            while (reader.Read())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var dump = new StringBuilder();
        foreach (var table in tables)
        {
            using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{table.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
            using var reader = select.ExecuteReader();
            var rows = new List<string>();
            while (reader.Read())
            {
                rows.Add(string.Join(" | ", Enumerable.Range(0, reader.FieldCount).Select(i => Render(reader.GetValue(i)))));
            }

            rows.Sort(StringComparer.Ordinal);
            dump.Append(CultureInfo.InvariantCulture, $"== {table} ({string.Join(", ", Enumerable.Range(0, reader.FieldCount).Select(reader.GetName))}): {rows.Count} rows\n");
            foreach (var row in rows)
            {
                dump.Append(row).Append('\n');
            }
        }

        return dump.ToString();
    }

    /// <summary>Copies a database through SQLite's backup API, which carries what is still in the WAL.</summary>
    public static void Copy(string sourcePath, string destinationPath)
    {
        using var source = Open(sourcePath);
        using var destination = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = destinationPath, Pooling = false }.ToString());
        source.BackupDatabase(destination);
    }

    private static SqliteConnection Open(string path)
    {
        // ReadWrite, not ReadWriteCreate: a missing file is an error here, not a new empty database.
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    private static string Render(object value) => value switch
    {
        DBNull => "NULL",
        byte[] bytes => "x'" + Convert.ToHexString(bytes) + "'",
        string text => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    // The dotnet that runs these tests, so the child uses the same runtime; PATH's dotnet otherwise.
    public static string DotnetHost()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } hostPath && File.Exists(hostPath))
        {
            return hostPath;
        }

        if (Environment.ProcessPath is { } processPath && Path.GetFileNameWithoutExtension(processPath) == "dotnet")
        {
            return processPath;
        }

        return "dotnet";
    }
}
