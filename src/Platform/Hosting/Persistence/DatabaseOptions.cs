using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Platform.Hosting.Persistence;

/// <summary>The database engines the modules can share; <c>Database:Provider</c> picks one.</summary>
public enum DatabaseProvider
{
    /// <summary>An embedded file: the default, so that a fresh clone runs without any set-up.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server, for several replicas on one database; each module has its own schema.</summary>
    PostgreSql,
}

/// <summary>Where the one database lives. All modules share it; each keeps its own migrations history.</summary>
public static class Database
{
    /// <summary>The configuration key that names the provider.</summary>
    public const string ProviderKey = "Database:Provider";

    /// <summary>
    /// <c>Database:Provider</c>: <c>Sqlite</c> (also when unset) or <c>PostgreSQL</c>, in any case; anything else stops
    /// start-up with a <see cref="DatabaseStartupException"/> that names the key.
    /// </summary>
    public static DatabaseProvider Provider(IConfiguration configuration)
    {
        var configured = configuration[ProviderKey]?.Trim();
        return configured switch
        {
            null or "" => DatabaseProvider.Sqlite,
            _ when configured.Equals("Sqlite", StringComparison.OrdinalIgnoreCase) => DatabaseProvider.Sqlite,
            _ when configured.Equals("PostgreSQL", StringComparison.OrdinalIgnoreCase)
                || configured.Equals("Postgres", StringComparison.OrdinalIgnoreCase) => DatabaseProvider.PostgreSql,
            _ => throw new DatabaseStartupException($"{ProviderKey}: '{configured}' is not a database provider; use Sqlite or PostgreSQL."),
        };
    }

    /// <summary>
    /// <c>ConnectionStrings:{name}</c>, or, on SQLite only, the file <c>{name lower-cased}.db</c> in the folder
    /// <c>{name}</c> of the user's local application data, so that a fresh clone runs without any setup and rebuilds do
    /// not lose the data. PostgreSQL has no such default: a server is somebody's, so it must be named.
    /// </summary>
    public static string ConnectionString(IConfiguration configuration, string name, DatabaseProvider provider = DatabaseProvider.Sqlite)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var configured = configuration.GetConnectionString(name);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        if (provider == DatabaseProvider.PostgreSql)
        {
            throw new DatabaseStartupException(
                $"ConnectionStrings:{name}: {ProviderKey} is PostgreSQL but no connection string is set (e.g. Host=127.0.0.1;Port=5432;Database={name.ToLowerInvariant()};Username=...).");
        }

        var folder = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), name);
        Directory.CreateDirectory(folder);
        return new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, name.ToLowerInvariant() + ".db") }.ToString();
    }

    /// <summary>Where the database is, for messages: the file, or host, port and database; never the password.</summary>
    public static string Describe(DatabaseProvider provider, string connectionString)
    {
        try
        {
            if (provider == DatabaseProvider.Sqlite)
            {
                return $"SQLite file {new SqliteConnectionStringBuilder(connectionString).DataSource}";
            }

            var postgres = new NpgsqlConnectionStringBuilder(connectionString);
            return $"PostgreSQL server {postgres.Host}:{postgres.Port}, database {postgres.Database ?? postgres.Username ?? "(default)"}";
        }
        catch (ArgumentException)
        {
            return $"{provider} database (its connection string cannot be read)";
        }
    }
}

/// <summary>
/// The database cannot be used as configured: an unknown provider, a missing connection string, a server that does
/// not answer. The Host prints its message, one line, and exits non-zero; no stack trace helps the operator here.
/// </summary>
public sealed class DatabaseStartupException(string message, Exception? inner = null) : Exception(message, inner);
