using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace SkillMatrix.Host.Tests.Data.Conventions;

/// <summary>
/// Keyset paging on a catalog of more than 50,000 requirements: the seed and 140 synthetic roles, each requiring
/// all 74 skills at all 5 levels, written straight into the tables. A deep page seeks on its cursor's keys
/// (a WHERE), never skips rows (no OFFSET). Nothing is timed: speed belongs in a benchmark.
/// </summary>
public abstract partial class DeepKeysetPagingTests(DeepKeysetPagingTests.LargeCatalog catalog)
{
    private const int SyntheticRoles = 140;
    private const int DeepPosition = 25_000;
    private const string ByProficiencyThenSkill = "[{ proficiency: DESC }, { skill: { name: ASC } }]";

    public sealed class OnSqlite(SqliteCatalog catalog) : DeepKeysetPagingTests(catalog), IClassFixture<SqliteCatalog>;

    public sealed class OnPostgreSql(PostgreSqlCatalog catalog) : DeepKeysetPagingTests(catalog), IClassFixture<PostgreSqlCatalog>;

    public sealed class SqliteCatalog() : LargeCatalog(postgreSql: false);

    public sealed class PostgreSqlCatalog() : LargeCatalog(postgreSql: true);

    /// <summary>
    /// The catalog, written with SQL that both databases read alike: quoted column names, unqualified table names (on
    /// PostgreSQL the connection's search path is the catalog's schema), and the one literal that differs, an empty
    /// technology stack (a JSON array in SQLite, an array in PostgreSQL).
    /// </summary>
    public abstract class LargeCatalog(bool postgreSql) : IAsyncLifetime
    {
        private TestHost? host;

        public TestHost Host => host ?? throw new InvalidOperationException("Not initialised.");

        public int RequirementCount { get; private set; }

        public async Task InitializeAsync()
        {
            var builder = TestHost.Start();
            host = await (postgreSql ? builder.OnPostgreSql() : builder).BuildAsync();
            await using var connection = Open();
            await connection.OpenAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            await ExecuteAsync(connection, transaction, $"""
                INSERT INTO roles ("Slug", "Name", "Summary", "FamilyId", "Version")
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {SyntheticRoles})
                SELECT 'synthetic-role-' || i, 'Synthetic Role ' || i, NULL, (SELECT MIN("Id") FROM families), 1 FROM n;
                INSERT INTO role_levels ("RoleId", "LevelId", "Focus", "TechStack")
                SELECT r."Id", l."Id", NULL, '{(postgreSql ? "{}" : "[]")}' FROM roles r CROSS JOIN levels l WHERE r."Slug" LIKE 'synthetic-role-%';
                INSERT INTO requirements ("RoleId", "SkillId", "LevelId", "Proficiency", "Mandatory")
                SELECT r."Id", s."Id", l."Id", 1 + ((r."Id" + s."Id" + l."Rank") % 4), ((r."Id" + s."Id" + l."Rank") % 4) > 0
                FROM roles r CROSS JOIN skills s CROSS JOIN levels l WHERE r."Slug" LIKE 'synthetic-role-%';
                """);
            await transaction.CommitAsync();

            await using var count = connection.CreateCommand();
            count.CommandText = "SELECT COUNT(*) FROM requirements";
            RequirementCount = Convert.ToInt32(await count.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        }

        /// <summary>A connection of its own to the Host's database, beside the Host.</summary>
        public DbConnection Open() => postgreSql
            ? new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Host.ConnectionString) { SearchPath = "catalog" }.ToString())
            : new SqliteConnection(Host.ConnectionString);

        public async Task DisposeAsync()
        {
            if (host is not null)
            {
                await host.DisposeAsync();
            }
        }

        private static async Task ExecuteAsync(DbConnection connection, DbTransaction transaction, string sql)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync();
        }
    }

    [Fact]
    public async Task The_synthetic_catalog_holds_more_than_50000_requirements()
    {
        var data = await catalog.Host.Anonymous().QueryDataAsync("{ requirements(first: 1) { totalCount } roles(first: 1) { totalCount } }");

        Assert.Equal(357 + SyntheticRoles * 74 * 5, catalog.RequirementCount);
        Assert.True(catalog.RequirementCount >= 50_000);
        Assert.Equal(catalog.RequirementCount, (int)data["requirements"]!["totalCount"]!);
        Assert.Equal(1 + SyntheticRoles, (int)data["roles"]!["totalCount"]!);
    }

    [Fact]
    public async Task A_deep_page_in_key_order_seeks_without_offset_and_continues_where_the_previous_page_ended()
    {
        // The expected rows come from SQL written here: the ids at positions 24,901 .. 25,100 in key order.
        var expected = await IdsAsync("""SELECT "Id" FROM requirements ORDER BY "Id" LIMIT 200 OFFSET @offset""", DeepPosition - 100);
        var previousCursor = await CursorAtAsync("", [await ValueAtAsync("""SELECT "Id" FROM requirements ORDER BY "Id" LIMIT 1 OFFSET @offset""", DeepPosition - 101)]);

        await AssertDeepPagesAsync("", previousCursor, expected);
    }

    [Fact]
    public async Task A_deep_page_in_a_multi_key_order_seeks_without_offset_and_continues_where_the_previous_page_ended()
    {
        const string Order = """FROM requirements q JOIN skills s ON s."Id" = q."SkillId" ORDER BY q."Proficiency" DESC, s."Name" ASC, q."Id" ASC""";
        var expected = await IdsAsync($"""SELECT q."Id" {Order} LIMIT 200 OFFSET @offset""", DeepPosition - 100);
        var keys = await RowAtAsync($"""SELECT q."Proficiency", s."Name", q."Id" {Order} LIMIT 1 OFFSET @offset""", DeepPosition - 101);
        var previousCursor = await CursorAtAsync($"order: {ByProficiencyThenSkill}", keys);

        await AssertDeepPagesAsync($", order: {ByProficiencyThenSkill}", previousCursor, expected);
    }

    [Fact]
    public async Task Walking_forward_from_the_first_page_reaches_a_deep_page_with_no_duplicate_and_no_gap()
    {
        var client = catalog.Host.Anonymous();
        var expected = await IdsAsync("""SELECT "Id" FROM requirements ORDER BY "Id" LIMIT 3000 OFFSET @offset""", 0);

        var ids = new List<int>();
        string? after = null;
        for (var page = 0; page < 30; page++)
        {
            var connection = (await client.QueryDataAsync(
                "query($after: String) { requirements(first: 100, after: $after) { nodes { id } pageInfo { endCursor } } }", new { after }))["requirements"]!;
            ids.AddRange(connection["nodes"]!.AsArray().Select(n => SeedCatalog.KeyOfGlobalId((string)n!["id"]!)));
            after = (string?)connection["pageInfo"]!["endCursor"];
        }

        Assert.Equal(expected, ids);
    }

    // Reads the page ending at `previousCursor` and the one after it through the API, with the statements of the
    // deep page: 100 distinct rows each, in the order `expected` holds, and no OFFSET in the SQL.
    private async Task AssertDeepPagesAsync(string arguments, string previousCursor, List<int> expected)
    {
        var client = catalog.Host.Anonymous();
        var page = $"query($after: String) {{ requirements(first: 100, after: $after{arguments}) {{ nodes {{ id skill {{ name }} proficiency }} pageInfo {{ hasNextPage hasPreviousPage endCursor }} }} }}";

        var previous = (await client.QueryDataAsync(page, new { after = previousCursor }))["requirements"]!;
        catalog.Host.Statements.Clear();
        var deep = (await client.QueryDataAsync(page, new { after = (string?)previous["pageInfo"]!["endCursor"] }))["requirements"]!;
        var statements = catalog.Host.Statements.Statements;

        var previousIds = Ids(previous);
        var deepIds = Ids(deep);
        Assert.Equal(100, previousIds.Count);
        Assert.Equal(100, deepIds.Distinct().Count());
        Assert.Equal(expected[..100], previousIds);
        Assert.Equal(expected[100..], deepIds);
        Assert.True((bool)deep["pageInfo"]!["hasNextPage"]!);
        Assert.True((bool)deep["pageInfo"]!["hasPreviousPage"]!);

        Assert.Contains(statements, sql => sql.Contains("WHERE", StringComparison.Ordinal)); // the seek
        Assert.All(statements, sql =>
        {
            Assert.DoesNotContain("OFFSET", sql, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotMatch(LimitWithOffset(), sql);
        });
    }

    private static List<int> Ids(JsonNode connection) =>
        [.. connection["nodes"]!.AsArray().Select(n => SeedCatalog.KeyOfGlobalId((string)n!["id"]!))];

    /// <summary>
    /// A cursor for the row whose sort keys are <paramref name="keys"/>: a real edge's cursor of the same list and
    /// order with its key values replaced (base64 of JSON, the values under "V"). This stands in for walking 250
    /// pages to get there; the walk itself is tested on its own.
    /// </summary>
    private async Task<string> CursorAtAsync(string orderArgument, object[] keys)
    {
        var separator = orderArgument.Length == 0 ? "" : ", ";
        var real = (string)(await catalog.Host.Anonymous().QueryDataAsync($"{{ requirements(first: 1{separator}{orderArgument}) {{ pageInfo {{ endCursor }} }} }}"))
            ["requirements"]!["pageInfo"]!["endCursor"]!;
        var payload = JsonNode.Parse(Convert.FromBase64String(real))!.AsObject();
        var values = payload["V"]!.AsArray();
        Assert.Equal(keys.Length, values.Count);
        for (var i = 0; i < keys.Length; i++)
        {
            values[i] = keys[i] switch
            {
                long or int => JsonValue.Create(Convert.ToInt64(keys[i], System.Globalization.CultureInfo.InvariantCulture)),
                string text => JsonValue.Create(text),
                var other => throw new InvalidOperationException($"unexpected key value {other}"),
            };
        }

        return Convert.ToBase64String(Encoding.UTF8.GetBytes(payload.ToJsonString()));
    }

    private Task<List<int>> IdsAsync(string sql, int offset) => ReadAsync(sql, offset, async reader =>
    {
        var ids = new List<int>();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetInt32(0));
        }

        return ids;
    });

    private async Task<long> ValueAtAsync(string sql, int offset) => Convert.ToInt64((await RowAtAsync(sql, offset))[0], System.Globalization.CultureInfo.InvariantCulture);

    private Task<object[]> RowAtAsync(string sql, int offset) => ReadAsync(sql, offset, async reader =>
    {
        Assert.True(await reader.ReadAsync());
        var row = new object[reader.FieldCount];
        reader.GetValues(row);
        return row;
    });

    /// <summary>Runs <paramref name="sql"/> with <c>@offset</c> straight on the database, beside the Host.</summary>
    private async Task<T> ReadAsync<T>(string sql, int offset, Func<DbDataReader, Task<T>> read)
    {
        await using var connection = catalog.Open();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var parameter = command.CreateParameter();
        parameter.ParameterName = "offset";
        parameter.Value = offset;
        command.Parameters.Add(parameter);
        await using var reader = await command.ExecuteReaderAsync();
        return await read(reader);
    }

    [GeneratedRegex(@"\bLIMIT\s+\S+\s*,", RegexOptions.IgnoreCase)]
    private static partial Regex LimitWithOffset();
}
