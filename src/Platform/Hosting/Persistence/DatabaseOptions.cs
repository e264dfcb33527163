using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;

namespace Platform.Hosting.Persistence;

/// <summary>Where the one database lives. All modules share it; each keeps its own migrations history.</summary>
public static class Database
{
    public const string ConnectionStringName = "SkillMatrix";

    /// <summary>
    /// <c>ConnectionStrings:SkillMatrix</c>, or a SQLite file in the user's local application data folder,
    /// so that a fresh clone runs without any setup and rebuilds do not lose the data.
    /// </summary>
    public static string ConnectionString(IConfiguration configuration)
    {
        var configured = configuration.GetConnectionString(ConnectionStringName);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        var folder = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "SkillMatrix");
        Directory.CreateDirectory(folder);
        return new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, "skillmatrix.db") }.ToString();
    }
}
