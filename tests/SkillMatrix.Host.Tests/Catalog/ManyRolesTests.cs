
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
    public async Task Matrices_of_a_page_of_roles_are_three_statements_besides_the_page(int pageSize)
    {
        // The page; the ladders of all its roles; their cells; the skills of those cells, each once.
        var data = await CountedAsync($"{{ roles(first: {pageSize}) {{ nodes {{ name matrix {{ domain {{ name }} skills {{ skill {{ name }} cells {{ proficiency }} }} }} }} }} }}", 4);

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

    [Fact]
    public async Task A_matrix_document_sent_again_answers_for_its_new_variables()
    {
        // The plan of the matrix is kept with the document after the first request; the roles are the variables'.
        const string query = "query($first: Int!) { roles(first: $first) { nodes { slug matrix { domain { name } skills { skill { name } cells { proficiency mandatory } } } } } }";
        var client = catalog.Host.Anonymous();

        foreach (var first in new[] { 1, 21, 3 })
        {
            var roles = (await client.QueryDataAsync(query, new { first }))["roles"]!["nodes"]!.AsArray();

            Assert.Equal(first, roles.Select(r => (string)r!["slug"]!).Distinct().Count());
            Assert.All(roles, role =>
            {
                Assert.Equal(14, role!["matrix"]!.AsArray().Count);
                Assert.Equal(357, role["matrix"]!.AsArray().Sum(d => d!["skills"]!.AsArray().Sum(s => s!["cells"]!.AsArray().Count(c => c is not null))));
            });
        }
    }

    [Fact]
    public async Task A_matrix_read_through_its_kept_plan_answers_as_one_read_afresh()
    {
        // The same selection twice: plain, its plan is kept (and its statements compiled) with the document; with an
        // @include below the matrix it is made again for each request and run through EF Core's own query cache.
        const string kept = """
            query($slug: String!) { role(slug: $slug) { matrix { domain { name slug } skills { skill { name slug } cells { level { key rank } proficiency mandatory } } } } }
            """;
        const string afresh = """
            query($slug: String!, $yes: Boolean!) { role(slug: $slug) { matrix { domain { name slug } skills { skill { name slug @include(if: $yes) } cells { level { key rank } proficiency mandatory } } } } }
            """;
        var client = catalog.Host.Anonymous();
        var slugs = (await client.QueryDataAsync("{ roles(first: 21) { nodes { slug } } }"))["roles"]!["nodes"]!.AsArray()
            .Select(r => (string)r!["slug"]!).ToList();

        foreach (var slug in new[] { slugs[0], slugs[^1], slugs[0] })
        {
            var fromPlan = await client.QueryDataAsync(kept, new { slug });
            var fromCache = await client.QueryDataAsync(afresh, new { slug, yes = true });

            Assert.Equal(357, fromPlan["role"]!["matrix"]!.AsArray().Sum(d => d!["skills"]!.AsArray().Sum(s => s!["cells"]!.AsArray().Count(c => c is not null))));
            Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(fromPlan, fromCache), $"{slug}: {fromPlan.ToJsonString()[..200]}");
        }
    }

    [Fact]
    public async Task A_field_left_out_by_include_below_the_matrix_on_one_request_is_read_on_the_next()
    {
        const string query = """
            query($name: Boolean!) { role(slug: "backend-developer-python") { matrix { skills { skill { slug name @include(if: $name) } } } } }
            """;
        var client = catalog.Host.Anonymous();

        foreach (var name in new[] { false, true, false })
        {
            var skills = (await client.QueryDataAsync(query, new { name }))["role"]!["matrix"]!.AsArray().SelectMany(d => d!["skills"]!.AsArray()).ToList();

            Assert.Equal(74, skills.Count);
            Assert.All(skills, s => Assert.Equal(name, s!["skill"]!.AsObject().ContainsKey("name")));
            Assert.All(skills, s => Assert.False(string.IsNullOrEmpty((string?)s!["skill"]!["slug"])));
        }
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
