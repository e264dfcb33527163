
namespace SkillMatrix.Host.Tests.Catalog;

/// <summary>
/// A catalog of 21 roles (the seed and 20 copies under other names): matrices and figures of a page of roles cost a
/// fixed number of statements, whatever the number of roles on the page. Nested lists: <see cref="CatalogSizeTests"/>.
/// </summary>
public abstract class ManyRolesTests(HostFixture catalog)
{
    public sealed class OnSqlite(Catalog catalog) : ManyRolesTests(catalog), IClassFixture<Catalog>;

    public sealed class OnPostgreSql(PostgreSqlHost<Catalog> catalog) : ManyRolesTests(catalog), IClassFixture<PostgreSqlHost<Catalog>>;

    public sealed class Catalog() : HostFixture(builder => builder.Seeded(async host =>
    {
        for (var i = 1; i <= 20; i++)
        {
            await host.ImportSeedCopyAsync($"Synthetic Role {i:00}");
        }
    }));

    [Theory]
    [InlineData(1)]
    [InlineData(21)]
    public async Task Matrices_of_a_page_of_roles_are_one_statement_besides_the_page(int pageSize)
    {
        var data = await CountedAsync($"{{ roles(first: {pageSize}) {{ nodes {{ name matrix {{ domain {{ name }} skills {{ skill {{ name }} cells {{ proficiency }} }} }} }} }} }}", 2);

        Assert.All(data["roles"]!["nodes"]!.AsArray(), role =>
            Assert.Equal(357, role!["matrix"]!.AsArray().Sum(d => d!["skills"]!.AsArray().Sum(s => s!["cells"]!.AsArray().Count(c => c is not null)))));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(21)]
    public async Task Figures_of_a_page_of_roles_are_a_fixed_number_of_aggregate_statements(int pageSize)
    {
        var data = await CountedAsync(
            $"{{ roles(first: {pageSize}) {{ nodes {{ stats {{ skillCount levelCount byLevel {{ level {{ key }} mandatoryCount }} byDomain {{ domain {{ name }} skillCount }} }} }} }} }}",
            4); // the page, the figures of all its roles (one statement of aggregates), their levels and their domains by key

        Assert.All(data["roles"]!["nodes"]!.AsArray(), role =>
        {
            Assert.Equal(74, (int)role!["stats"]!["skillCount"]!);
            Assert.Equal([8, 74, 74, 69, 66], role["stats"]!["byLevel"]!.AsArray().Select(l => (int)l!["mandatoryCount"]!));
            Assert.Equal("AI-Assisted Development", (string?)role["stats"]!["byDomain"]![0]!["domain"]!["name"]);
        });
    }

    [Fact]
    public async Task Objects_inside_the_matrix_are_whole()
    {
        var data = await catalog.Host.Anonymous().QueryDataAsync("""
            { role(slug: "backend-developer-python") { matrix { domain { name skills { slug } }
                skills { skill { slug domain { slug } requirements { id } } cells { role { slug } skill { name } level { rank } } } } } }
            """);

        var first = data["role"]!["matrix"]![0]!;
        Assert.Equal(4, first["domain"]!["skills"]!.AsArray().Count);
        var copilot = first["skills"]![0]!;
        Assert.Equal("ai-assisted-development", (string?)copilot["skill"]!["domain"]!["slug"]);
        Assert.Equal(21 * 5, copilot["skill"]!["requirements"]!.AsArray().Count); // every role requires it at every level
        Assert.Equal("backend-developer-python", (string?)copilot["cells"]![4]!["role"]!["slug"]);
        Assert.Equal(5, (int)copilot["cells"]![4]!["level"]!["rank"]!);
    }

    private async Task<System.Text.Json.Nodes.JsonNode> CountedAsync(string query, int statements)
    {
        var client = catalog.Host.Anonymous();
        await client.QueryDataAsync("{ levels { key } }");
        catalog.Host.Statements.Clear();

        var data = await client.QueryDataAsync(query);
        Assert.Equal(statements, catalog.Host.Statements.Statements.Count);
        return data;
    }
}
