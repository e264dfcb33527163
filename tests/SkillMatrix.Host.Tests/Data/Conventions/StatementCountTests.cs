using System.Text.Json.Nodes;

namespace SkillMatrix.Host.Tests.Data.Conventions;

/// <summary>
/// What <c>where</c>, <c>order</c> and paging cost in SQL statements, counted by the test host's interceptor. The
/// tests of one class run one after another, so the counter sees only the request under test.
/// </summary>
public abstract class StatementCountTests(HostFixture fixture)
{
    public sealed class OnSqlite(SeededHost host) : StatementCountTests(host), IClassFixture<SeededHost>;

    public sealed class OnPostgreSql(PostgreSqlHost<SeededHost> host) : StatementCountTests(host), IClassFixture<PostgreSqlHost<SeededHost>>;

    private TestHost Host => fixture.Host;

    [Fact]
    public async Task A_nested_filtered_and_sorted_list_is_a_statement_of_its_own_with_the_66_principal_cells_in_name_order()
    {
        var expected = SeedCatalog.Cells.Where(c => c.LevelKey == "PRINCIPAL")
            .OrderBy(c => c.Skill, StringComparer.Ordinal)
            .Select(c => $"{c.Skill} {c.Proficiency}")
            .ToList();

        var (data, statements) = await CountedAsync($$"""
            { role(slug: "{{SeedCatalog.RoleSlug}}") { requirements(where: { level: { key: { eq: "PRINCIPAL" } } }, order: [{ skill: { name: ASC } }]) { skill { name } proficiency } } }
            """);

        // The role, then its requirements (split: a nested list is read by a statement that seeks by the role).
        Assert.Equal(2, statements.Count);
        Assert.Equal(66, expected.Count);
        Assert.Equal(expected, data["role"]!["requirements"]!.AsArray().Select(r => $"{(string)r!["skill"]!["name"]!} {(string)r["proficiency"]!}"));
    }

    [Fact]
    public async Task A_connection_is_one_statement_and_two_with_total_count()
    {
        const string Page = """requirements(first: 10, where: { mandatory: { eq: true } }, order: [{ proficiency: DESC }, { skill: { name: ASC } }])""";

        var (_, without) = await CountedAsync($"{{ {Page} {{ edges {{ cursor node {{ skill {{ name }} level {{ key }} }} }} pageInfo {{ hasNextPage endCursor }} }} }}");
        var (data, with) = await CountedAsync($"{{ {Page} {{ nodes {{ skill {{ name }} }} totalCount }} }}");

        Assert.Single(without);
        Assert.Equal(2, with.Count);
        Assert.Equal(291, (int)data["requirements"]!["totalCount"]!);
    }

    [Fact]
    public async Task A_page_of_skill_names_reads_neither_slug_nor_position()
    {
        var (data, statements) = await CountedAsync("{ skills(first: 5) { nodes { name } } }");

        var sql = Assert.Single(statements);
        Assert.Equal(5, data["skills"]!["nodes"]!.AsArray().Count);
        Assert.Contains("\"Name\"", sql, StringComparison.Ordinal);
        Assert.DoesNotContain("\"Slug\"", sql, StringComparison.Ordinal);
        Assert.DoesNotContain("\"Position\"", sql, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nested_where_and_order_on_every_list_of_a_page_of_roles_stay_in_the_statement_of_their_list()
    {
        var (data, statements) = await CountedAsync("""
            { roles(first: 10, where: { skills: { some: { name: { icontains: "api" } } } }) { nodes {
                skills(where: { domain: { name: { eq: "Security" } } }, order: [{ name: DESC }]) { name }
                levels { level { key } requirements(where: { proficiency: { eq: EXPERT } }, order: [{ skill: { name: ASC } }]) { skill { name } } }
                family { roles(order: [{ name: ASC }]) { slug } } } } }
            """);

        // The page, then one statement per nested list (skills, levels, their requirements, the family's roles).
        Assert.Equal(5, statements.Count);
        var role = Assert.Single(data["roles"]!["nodes"]!.AsArray())!;
        Assert.Equal(
            SeedCatalog.Skills.Where(s => s.Domain == "Security").Select(s => s.Name).OrderDescending(StringComparer.Ordinal),
            role["skills"]!.AsArray().Select(s => (string)s!["name"]!));
        var principal = role["levels"]!.AsArray().Single(l => (string)l!["level"]!["key"]! == "PRINCIPAL")!;
        Assert.Equal(
            SeedCatalog.Cells.Where(c => c.LevelKey == "PRINCIPAL" && c.Proficiency == "EXPERT").Select(c => c.Skill).Order(StringComparer.Ordinal),
            principal["requirements"]!.AsArray().Select(r => (string)r!["skill"]!["name"]!));
    }

    private async Task<(JsonNode Data, IReadOnlyList<string> Statements)> CountedAsync(string query)
    {
        var client = Host.Anonymous();
        await client.QueryDataAsync("{ levels { key } }"); // the first request warms the host up
        Host.Statements.Clear();

        var data = await client.QueryDataAsync(query);
        return (data, Host.Statements.Statements);
    }
}
