using System.Globalization;
using System.Text;
using Npgsql;

namespace SkillMatrix.Host.Tests.Testing;

/// <summary>
/// The PostgreSQL server the tests run on, named by <see cref="Variable"/> (./test.sh starts one and sets it). Each
/// test host gets a database of its own, created empty and dropped at the end. No server is a failure that says how
/// to get one, never a skipped test: a suite that passes without its database has proved nothing.
/// </summary>
internal static class TestPostgres
{
    public const string Variable = "SKILLMATRIX_TEST_POSTGRES";

    private const string Help = $"PostgreSQL tests need a PostgreSQL 15 server: run ./test.sh at the repository's root (it installs the Debian " +
        $"package postgresql if missing and starts a throwaway server), or set {Variable} to one of yours, e.g. " +
        "\"Host=127.0.0.1;Port=5433;Username=postgres\" (a user that may create databases).";

    /// <summary>
    /// Creates an empty database with a name of its own; returns its connection string. Its default collation is a
    /// language's (ICU's en-US, where "gRPC" sorts before "GraphQL"), as an operator's database would likely have: the
    /// same answers as SQLite's must then come from the Host's own byte-order columns, not from the test server's locale.
    /// </summary>
    public static string CreateDatabase()
    {
        var name = $"skillmatrix_test_{Guid.NewGuid():N}";
        Admin($"CREATE DATABASE \"{name}\" TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'en-US'");
        return new NpgsqlConnectionStringBuilder(Server()) { Database = name }.ToString();
    }

    /// <summary>One number from the database, read on an unpooled connection of the test's own.</summary>
    public static async Task<long> ScalarAsync(string connectionString, string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    /// <summary>Drops the database, ending any connection still open on it (a pool's idle ones).</summary>
    public static void DropDatabase(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        Admin($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }

    /// <summary>
    /// Every module table's rows as text, sorted, so that two dumps are equal exactly when no row was added, removed or
    /// changed (as <c>HostCommand.Dump</c> does for a SQLite file).
    /// </summary>
    public static string Dump(string connectionString)
    {
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ToString());
        connection.Open();
        var tables = new List<string>();
        using (var list = new NpgsqlCommand(
            "SELECT table_schema || '.' || table_name FROM information_schema.tables WHERE table_schema IN ('catalog', 'community', 'assessment') ORDER BY 1",
            connection))
        using (var reader = list.ExecuteReader())
        {
            while (reader.Read())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var dump = new StringBuilder();
        foreach (var table in tables)
        {
            using var select = new NpgsqlCommand($"SELECT * FROM {table}", connection);
            using var reader = select.ExecuteReader();
            var rows = new List<string>();
            while (reader.Read())
            {
                rows.Add(string.Join(" | ", Enumerable.Range(0, reader.FieldCount).Select(i => Render(reader.GetValue(i)))));
            }

            rows.Sort(StringComparer.Ordinal);
            dump.Append(CultureInfo.InvariantCulture, $"== {table}: {rows.Count} rows\n");
            foreach (var row in rows)
            {
                dump.Append(row).Append('\n');
            }
        }

        return dump.ToString();
    }

    private static string Render(object value) => value switch
    {
        DBNull => "NULL",
        string text => "'" + text + "'",
        string[] items => "{" + string.Join(",", items) + "}",
        DateTime time => time.ToString("O", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    private static void Admin(string sql)
    {
        var server = Server();
        try
        {
            using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false }.ToString());
            connection.Open();
            using var command = new NpgsqlCommand(sql, connection);
            command.ExecuteNonQuery();
        }
        catch (NpgsqlException exception) when (exception is not PostgresException)
        {
            throw new InvalidOperationException($"{Variable}=\"{server}\": {exception.Message}. {Help}", exception);
        }
    }

    private static string Server() =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } server ? server : throw new InvalidOperationException($"{Variable} is not set. {Help}");
}
