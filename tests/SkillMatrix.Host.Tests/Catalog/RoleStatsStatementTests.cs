using System.Collections;
using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace SkillMatrix.Host.Tests.Catalog;

/// <summary>
/// Role.stats comes from GROUP BY statements: the figures are right, the SQL aggregates, and no statement of the
/// request reads the matrix's 357 cells into the server. The statement text says the first; a reader that counts
/// the rows each statement returns proves the second.
/// </summary>
public sealed class RoleStatsStatementTests
{
    private readonly RowCounter rows = new();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Role_stats_are_counted_by_GROUP_BY_statements_that_never_return_every_cell(bool onPostgreSql)
    {
        await using var host = await CountingHostAsync(onPostgreSql);
        using var client = host.Anonymous();

        var data = await client.QueryDataAsync(
            $$"""{ role(slug: "{{SeedCatalog.RoleSlug}}") { stats { skillCount domainCount levelCount requirementCount mandatoryCount } } }""");

        var stats = data["role"]!["stats"]!;
        Assert.Equal((74, 14, 5, 357, 291),
            ((int)stats["skillCount"]!, (int)stats["domainCount"]!, (int)stats["levelCount"]!, (int)stats["requirementCount"]!, (int)stats["mandatoryCount"]!));
        // And they are the seed page's figures, read by the test.
        Assert.Equal((74, 357, 291), (SeedCatalog.Skills.Count, SeedCatalog.Cells.Count, SeedCatalog.Cells.Count(c => c.Mandatory)));

        var statements = host.Statements.Statements;
        Assert.Contains(statements, sql => sql.Contains("GROUP BY", StringComparison.OrdinalIgnoreCase));
        var counts = rows.Counts;
        Assert.NotEmpty(counts);
        Assert.All(counts, read => Assert.True(read.Rows < 357, $"{read.Rows} rows from: {read.Sql}"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_totals_alone_are_one_aggregate_without_the_grouped_figures(bool onPostgreSql)
    {
        await using var host = await CountingHostAsync(onPostgreSql);
        using var client = host.Anonymous();

        var data = await client.QueryDataAsync(
            $$"""{ role(slug: "{{SeedCatalog.RoleSlug}}") { stats { skillCount requirementCount mandatoryCount } } }""");

        var stats = data["role"]!["stats"]!;
        Assert.Equal((74, 357, 291), ((int)stats["skillCount"]!, (int)stats["requirementCount"]!, (int)stats["mandatoryCount"]!));
        var figures = Assert.Single(host.Statements.Statements, sql => sql.Contains("requirements", StringComparison.Ordinal));
        Assert.DoesNotContain("UNION", figures, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1, Assert.Single(rows.Counts, read => read.Sql == figures).Rows); // one row for the one role
    }

    // A host whose next request's statements and rows are the only ones counted: start-up (migrations, seeding) is not
    // the request's.
    private async Task<TestHost> CountingHostAsync(bool onPostgreSql)
    {
        var builder = TestHost.Start().WithInterceptor(rows);
        var host = await (onPostgreSql ? builder.OnPostgreSql() : builder).BuildAsync();
        using (var client = host.Anonymous())
        {
            await client.QueryDataAsync("{ __typename }");
        }

        host.Statements.Clear();
        rows.Clear();
        return host;
    }

    /// <summary>Wraps every reader EF Core opens, to count the rows each statement actually returns.</summary>
    private sealed class RowCounter : DbCommandInterceptor
    {
        private readonly ConcurrentQueue<CountingReader> readers = new();

        public IReadOnlyList<(string Sql, int Rows)> Counts => [.. readers.Select(r => (r.Sql, r.Rows))];

        public void Clear() => readers.Clear();

        public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result) => Wrap(command, result);

        public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult<DbDataReader>(Wrap(command, result));

        // Only queries: Npgsql reads what SaveChanges writes back (RETURNING) through its own reader type, and the
        // request under test writes nothing.
        private DbDataReader Wrap(DbCommand command, DbDataReader result)
        {
            if (!command.CommandText.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase))
            {
                return result;
            }

            var reader = new CountingReader(command.CommandText, result);
            readers.Enqueue(reader);
            return reader;
        }
    }

    /// <summary>A reader that passes everything through and counts the rows read (over every result set).</summary>
    private sealed class CountingReader(string sql, DbDataReader inner) : DbDataReader
    {
        private int rows;

        public string Sql => sql;

        public int Rows => rows;

        public override object this[int ordinal] => inner[ordinal];

        public override object this[string name] => inner[name];

        public override int Depth => inner.Depth;

        public override int FieldCount => inner.FieldCount;

        public override bool HasRows => inner.HasRows;

        public override bool IsClosed => inner.IsClosed;

        public override int RecordsAffected => inner.RecordsAffected;

        public override bool Read() => Count(inner.Read());

        public override async Task<bool> ReadAsync(CancellationToken cancellationToken) => Count(await inner.ReadAsync(cancellationToken));

        public override bool NextResult() => inner.NextResult();

        public override Task<bool> NextResultAsync(CancellationToken cancellationToken) => inner.NextResultAsync(cancellationToken);

        public override bool GetBoolean(int ordinal) => inner.GetBoolean(ordinal);

        public override byte GetByte(int ordinal) => inner.GetByte(ordinal);

        public override long GetBytes(int ordinal, long dataOffset, byte[]? buffer, int bufferOffset, int length) => inner.GetBytes(ordinal, dataOffset, buffer, bufferOffset, length);

        public override char GetChar(int ordinal) => inner.GetChar(ordinal);

        public override long GetChars(int ordinal, long dataOffset, char[]? buffer, int bufferOffset, int length) => inner.GetChars(ordinal, dataOffset, buffer, bufferOffset, length);

        public override string GetDataTypeName(int ordinal) => inner.GetDataTypeName(ordinal);

        public override DateTime GetDateTime(int ordinal) => inner.GetDateTime(ordinal);

        public override decimal GetDecimal(int ordinal) => inner.GetDecimal(ordinal);

        public override double GetDouble(int ordinal) => inner.GetDouble(ordinal);

        public override IEnumerator GetEnumerator() => inner.GetEnumerator();

        public override Type GetFieldType(int ordinal) => inner.GetFieldType(ordinal);

        public override T GetFieldValue<T>(int ordinal) => inner.GetFieldValue<T>(ordinal);

        public override Task<T> GetFieldValueAsync<T>(int ordinal, CancellationToken cancellationToken) => inner.GetFieldValueAsync<T>(ordinal, cancellationToken);

        public override float GetFloat(int ordinal) => inner.GetFloat(ordinal);

        public override Guid GetGuid(int ordinal) => inner.GetGuid(ordinal);

        public override short GetInt16(int ordinal) => inner.GetInt16(ordinal);

        public override int GetInt32(int ordinal) => inner.GetInt32(ordinal);

        public override long GetInt64(int ordinal) => inner.GetInt64(ordinal);

        public override string GetName(int ordinal) => inner.GetName(ordinal);

        public override int GetOrdinal(string name) => inner.GetOrdinal(name);

        public override string GetString(int ordinal) => inner.GetString(ordinal);

        public override object GetValue(int ordinal) => inner.GetValue(ordinal);

        public override int GetValues(object[] values) => inner.GetValues(values);

        public override bool IsDBNull(int ordinal) => inner.IsDBNull(ordinal);

        public override Task<bool> IsDBNullAsync(int ordinal, CancellationToken cancellationToken) => inner.IsDBNullAsync(ordinal, cancellationToken);

        public override void Close() => inner.Close();

        public override Task CloseAsync() => inner.CloseAsync();

        public override ValueTask DisposeAsync() => inner.DisposeAsync();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }

        private bool Count(bool read)
        {
            if (read)
            {
                Interlocked.Increment(ref rows);
            }

            return read;
        }
    }
}
