using System.Text.Json.Nodes;
using Snapshooter.Xunit;

namespace SkillMatrix.Host.Tests.Catalog;

/// <summary>The seed page, imported by the Host on first start, read back over HTTP.</summary>
public abstract class RoleMatrixTests(HostFixture fixture)
{
    public sealed class OnSqlite(SeededHost host) : RoleMatrixTests(host), IClassFixture<SeededHost>;

    public sealed class OnPostgreSql(PostgreSqlHost<SeededHost> host) : RoleMatrixTests(host), IClassFixture<PostgreSqlHost<SeededHost>>;

    private TestHost Host => fixture.Host;

    private const string IssueQuery = """
        { role(slug: "backend-developer-python") { name family { name } levels { level { key name rank } focus techStack }
          matrix { domain { name } skills { skill { name } cells { level { key } proficiency mandatory } } }
          stats { skillCount requirementCount mandatoryCount } } }
        """;


    [Fact]
    public async Task The_issue_query_answers_with_the_page_data()
    {
        var role = (await Host.Anonymous().QueryDataAsync(IssueQuery))["role"]!;

        Assert.Equal("Backend Developer (Python)", (string?)role["name"]);
        Assert.Equal("Backend Engineering", (string?)role["family"]!["name"]);
        var levels = role["levels"]!.AsArray();
        Assert.Equal(SeedCatalog.LadderKeys, levels.Select(l => (string?)l!["level"]!["key"]));
        Assert.Equal(["Junior", "Middle", "Senior", "Lead / Staff", "Principal"], levels.Select(l => (string?)l!["level"]!["name"]));
        Assert.Equal([1, 2, 3, 4, 5], levels.Select(l => (int)l!["level"]!["rank"]!));
        Assert.Equal(["Python 3.11+", "FastAPI/Flask/Django", "PostgreSQL", "Git", "Docker basics", "pytest", "REST API basics"],
            levels[0]!["techStack"]!.AsArray().Select(t => (string?)t));
        Assert.StartsWith("Company-level backend technology strategy.", (string?)levels[4]!["focus"]);

        var stats = role["stats"]!;
        Assert.Equal(74, (int)stats["skillCount"]!);
        Assert.Equal(357, (int)stats["requirementCount"]!);
        Assert.Equal(291, (int)stats["mandatoryCount"]!);
    }

    [Fact]
    public async Task Every_cell_of_the_page_comes_back_as_the_letter_rules_read_it()
    {
        var expected = ReadPageIndependently();
        var role = (await Host.Anonymous().QueryDataAsync(IssueQuery))["role"]!;

        var actual = role["matrix"]!.AsArray().SelectMany(domain => domain!["skills"]!.AsArray().Select(row => (
            Domain: (string)domain["domain"]!["name"]!,
            Skill: (string)row!["skill"]!["name"]!,
            Cells: string.Join(" ", row["cells"]!.AsArray().Select(Cell))))).ToList();

        Assert.Equal(expected, actual);
        Assert.Equal(357, actual.Sum(r => r.Cells.Split(' ').Count(c => c != "-")));
        Assert.Contains(("API & Integration", "REST API Design", "WORKING! ADVANCED! EXPERT! EXPERT! EXPERT!"), actual);
        Assert.Contains(("AI-Assisted Development", "Cursor IDE", "AWARENESS WORKING! ADVANCED! ADVANCED! -"), actual);
        Assert.Single(actual, r => r.Skill == "gRPC & Protocol Buffers");
    }

    [Fact]
    public async Task The_response_shape_is_pinned()
    {
        var data = await Host.Anonymous().QueryDataAsync(IssueQuery);
        Snapshot.Match(data.ToJsonString());
    }

    [Fact]
    public async Task The_full_matrix_of_a_role_is_five_statements()
    {
        var client = await CountingClientAsync();

        await client.QueryDataAsync("""
            { role(slug: "backend-developer-python") { name family { name } levels { level { key } focus techStack }
              matrix { domain { name } skills { skill { name domain { name } } cells { level { key rank } proficiency mandatory } } } } }
            """);

        // The role with its family, its levels (a nested list, split into a statement of its own), and the matrix in
        // three: the role's ladder, its cells, and the skills of those cells (with their domains), each once.
        Assert.Equal(5, Host.Statements.Statements.Count);
    }

    [Fact]
    public async Task Nested_lists_of_a_page_of_roles_cost_one_statement_per_list()
    {
        var client = await CountingClientAsync();

        var data = await client.QueryDataAsync("{ roles(first: 10) { nodes { levels { requirements { skill { domain { name } } } } } } }");

        Assert.Equal(3, Host.Statements.Statements.Count); // the page, its levels, their requirements
        var cells = data["roles"]!["nodes"]!.AsArray().Single()!["levels"]!.AsArray().Sum(l => l!["requirements"]!.AsArray().Count);
        Assert.Equal(357, cells);
    }

    [Fact]
    public async Task A_page_with_nested_lists_writes_its_size_as_a_literal_and_one_without_as_a_parameter()
    {
        var client = await CountingClientAsync();

        // Split statements join the page as a subquery: only a literal LIMIT lets SQLite seek the nested list's rows.
        await client.QueryDataAsync("{ roles(first: 10) { nodes { levels { focus } } } }");
        Assert.Contains(Host.Statements.Statements, sql => sql.Contains("LIMIT 11", StringComparison.Ordinal));

        // One statement: the size stays a parameter, so EF Core keeps its SQL instead of writing it again each time.
        Host.Statements.Clear();
        await client.QueryDataAsync("{ skills(first: 10) { nodes { name } } }");
        var page = Assert.Single(Host.Statements.Statements);
        Assert.DoesNotContain("LIMIT 11", page, StringComparison.Ordinal);
        Assert.Contains("LIMIT @", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_query_reads_only_the_selected_columns()
    {
        var client = await CountingClientAsync();

        await client.QueryDataAsync("{ skills(first: 5) { nodes { name } } }");

        var sql = Assert.Single(Host.Statements.Statements);
        Assert.Contains("\"Name\"", sql, StringComparison.Ordinal);
        Assert.DoesNotContain("\"Slug\"", sql, StringComparison.Ordinal);
        Assert.DoesNotContain("\"Position\"", sql, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_matrix_reads_the_keys_that_arrange_it_and_no_others()
    {
        var client = await CountingClientAsync();

        await client.QueryDataAsync("""
            { role(slug: "backend-developer-python") { matrix { domain { name } skills { skill { name } cells { level { key } proficiency mandatory } } } } }
            """);

        var ladder = Columns(Assert.Single(Host.Statements.Statements, sql => sql.Contains("role_levels", StringComparison.Ordinal)));
        var skills = Columns(Assert.Single(Host.Statements.Statements, sql => sql.Contains("domains", StringComparison.Ordinal)));
        var cells = Columns(Assert.Single(Host.Statements.Statements, sql =>
            sql.Contains("requirements", StringComparison.Ordinal) && !sql.Contains("domains", StringComparison.Ordinal)));
        // The ladder: role, level and rank, and the level as selected under the cells (its key), once per level.
        Assert.Equal(4, ladder.Length);
        // The cells: what was selected of a cell (proficiency, mandatory) and the keys that place it (role, level,
        // skill). Neither the cell's own key nor anything of its level is read on its row.
        Assert.Equal(5, cells.Length);
        Assert.DoesNotContain(cells, column => column.EndsWith("\"Id\"", StringComparison.Ordinal));
        Assert.DoesNotContain(cells, column => column.EndsWith("\"Key\"", StringComparison.Ordinal));
        // The skills, each once: what was selected (skill and domain names), and what arranges the rows (the skill's key,
        // its domain's, and both positions). The domain's own key is not read again.
        Assert.Equal(6, skills.Length);
        Assert.Single(skills, column => column.EndsWith("\"Id\"", StringComparison.Ordinal));
    }

    private static string[] Columns(string sql) =>
        sql[(sql.IndexOf("SELECT", StringComparison.Ordinal) + 6)..sql.IndexOf("FROM", StringComparison.Ordinal)]
            .Split(',', StringSplitOptions.TrimEntries);

    // A client whose next request's statements are the only ones counted: the first request warms the host up.
    private async Task<HttpClient> CountingClientAsync()
    {
        var client = Host.Anonymous();
        await client.QueryDataAsync("{ levels { key } }");
        Host.Statements.Clear();
        return client;
    }

    private static string Cell(JsonNode? cell) =>
        cell is null ? "-" : (string)cell["proficiency"]! + ((bool)cell["mandatory"]! ? "!" : "");

    // The page's cells as the test's own reader (SeedCatalog, apart from the importer) reads them, one row per skill.
    private static List<(string Domain, string Skill, string Cells)> ReadPageIndependently() =>
        SeedCatalog.Skills.Select(skill => (skill.Domain, skill.Name, string.Join(" ", SeedCatalog.LadderKeys.Select(level =>
            skill.Cells.FirstOrDefault(c => c.LevelKey == level) is { } cell ? cell.Proficiency + (cell.Mandatory ? "!" : "") : "-")))).ToList();
}
