using System.Diagnostics;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace SkillMatrix.Host.Tests.Catalog;

/// <summary>
/// A page of roles with nested lists costs a fixed number of statements, whatever the page size and the catalog size:
/// the same query on a catalog of 12 roles and one of 120 (the seed and copies under other names). Each nested list is
/// a statement that joins the page's ids, so neither the page nor the catalog adds statements.
/// </summary>
public abstract class CatalogSizeTests(CatalogSizeTests.Catalogs catalogs, ITestOutputHelper output)
{
    public sealed class OnSqlite(SqliteCatalogs catalogs, ITestOutputHelper output) : CatalogSizeTests(catalogs, output), IClassFixture<SqliteCatalogs>;

    public sealed class OnPostgreSql(PostgreSqlCatalogs catalogs, ITestOutputHelper output) : CatalogSizeTests(catalogs, output), IClassFixture<PostgreSqlCatalogs>;

    public sealed class SqliteCatalogs() : Catalogs(postgreSql: false);

    public sealed class PostgreSqlCatalogs() : Catalogs(postgreSql: true);

    private const string Nested = "nodes { name levels { level { key } requirements { skill { name domain { name } } proficiency } } }";

    /// <summary>Both catalogs, built once for the class: 130 imports through the catalog's importer, about 20 s on 2 cores.</summary>
    public abstract class Catalogs(bool postgreSql) : IAsyncLifetime
    {
        public TestHost Small { get; private set; } = null!;

        public TestHost Large { get; private set; } = null!;

        public TimeSpan BuildTime { get; private set; }

        public async Task InitializeAsync()
        {
            var watch = Stopwatch.StartNew();
            Small = await WithCopies(11);
            Large = await WithCopies(119);
            BuildTime = watch.Elapsed;
        }

        public async Task DisposeAsync()
        {
            await Small.DisposeAsync();
            await Large.DisposeAsync();
        }

        // A page of 100 roles with every requirement is far beyond the default cost limit, which is not under test here.
        private Task<TestHost> WithCopies(int copies)
        {
            var builder = TestHost.Start().WithCostLimit(10_000_000).Seeded(async host =>
            {
                for (var i = 1; i <= copies; i++)
                {
                    await host.ImportSeedCopyAsync($"Synthetic Role {i:000}");
                }
            });
            return (postgreSql ? builder.OnPostgreSql() : builder).BuildAsync();
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(10)]
    [InlineData(100)]
    public async Task Nested_lists_of_a_page_of_roles_are_three_statements_on_12_and_on_120_roles(int pageSize)
    {
        output.WriteLine($"12 and 120 roles built in {catalogs.BuildTime.TotalSeconds:0.0} s");
        var query = $"{{ roles(first: {pageSize}) {{ {Nested} }} }}";

        var (small, smallStatements) = await CountedAsync(catalogs.Small, query);
        var (large, largeStatements) = await CountedAsync(catalogs.Large, query);

        // The page, its levels, their requirements with skills and domains.
        Assert.Equal(3, smallStatements);
        Assert.Equal(3, largeStatements);
        var smallRoles = small["roles"]!["nodes"]!.AsArray();
        var largeRoles = large["roles"]!["nodes"]!.AsArray();
        Assert.Equal(Math.Min(pageSize, 12), smallRoles.Count);
        Assert.Equal(Math.Min(pageSize, 120), largeRoles.Count);
        Assert.All(smallRoles.Concat(largeRoles), role =>
        {
            var levels = role!["levels"]!.AsArray();
            Assert.Equal(SeedCatalog.LadderKeys, levels.Select(l => (string)l!["level"]!["key"]!));
            Assert.Equal(357, levels.Sum(l => l!["requirements"]!.AsArray().Count));
        });

        // The roles both catalogs share answer the same, nested lists in the same order.
        Assert.Equal(smallRoles.Take(largeRoles.Count).Select(r => r!.ToJsonString()), largeRoles.Take(smallRoles.Count).Select(r => r!.ToJsonString()));
        Assert.Equal(
            SeedCatalog.Cells.Where(c => c.LevelKey == "PRINCIPAL").Select(c => c.Skill).Order(StringComparer.Ordinal),
            smallRoles[0]!["levels"]![4]!["requirements"]!.AsArray().Select(r => (string)r!["skill"]!["name"]!).Order(StringComparer.Ordinal));
    }

    private static async Task<(JsonNode Data, int Statements)> CountedAsync(TestHost host, string query)
    {
        var client = host.Anonymous();
        await client.QueryDataAsync("{ levels { key } }"); // the first request warms the host up
        host.Statements.Clear();

        var data = await client.QueryDataAsync(query);
        return (data, host.Statements.Statements.Count);
    }
}
