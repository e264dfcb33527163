using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;

namespace Platform.Hosting.Persistence;

/// <summary>Where the one database lives. All modules share it; each keeps its own migrations history.</summary>
public static class Database
{
    /// <summary>
    /// <c>ConnectionStrings:{name}</c>, or the SQLite file <c>{name lower-cased}.db</c> in the folder <c>{name}</c> of the
    /// user's local application data, so that a fresh clone runs without any setup and rebuilds do not lose the data.
    /// </summary>
    public static string ConnectionString(IConfiguration configuration, string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var configured = configuration.GetConnectionString(name);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        var folder = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), name);
        Directory.CreateDirectory(folder);
        return new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, name.ToLowerInvariant() + ".db") }.ToString();
    }
}
