using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SkillMatrix.Host.Tests.Infrastructure;
using Snapshooter.Xunit;

namespace SkillMatrix.Host.Tests.Catalog;

/// <summary>The seed page, imported by the Host on first start, read back over HTTP.</summary>
public sealed partial class RoleMatrixTests(SkillMatrixFactory factory) : IClassFixture<SkillMatrixFactory>
{
    private const string IssueQuery = """
        { role(slug: "backend-developer-python") { name family { name } levels { level { key name rank } focus techStack }
          matrix { domain { name } skills { skill { name } cells { level { key } proficiency mandatory } } }
          stats { skillCount requirementCount mandatoryCount } } }
        """;

    private static readonly string[] LadderKeys = ["JUNIOR", "MIDDLE", "SENIOR", "LEAD_STAFF", "PRINCIPAL"];

    [Fact]
    public async Task The_issue_query_answers_with_the_page_data()
    {
        var role = (await factory.CreateClient().QueryDataAsync(IssueQuery))["role"]!;

        Assert.Equal("Backend Developer (Python)", (string?)role["name"]);
        Assert.Equal("Backend Engineering", (string?)role["family"]!["name"]);
        var levels = role["levels"]!.AsArray();
        Assert.Equal(LadderKeys, levels.Select(l => (string?)l!["level"]!["key"]));
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
        var role = (await factory.CreateClient().QueryDataAsync(IssueQuery))["role"]!;

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
        var data = await factory.CreateClient().QueryDataAsync(IssueQuery);
        Snapshot.Match(data.ToJsonString());
    }

    [Fact]
    public async Task The_full_matrix_of_a_role_is_at_most_two_statements()
    {
        var client = factory.CreateClient();
        await client.QueryDataAsync("{ levels { key } }"); // the first request warms the host up
        factory.Statements.Clear();

        await client.QueryDataAsync("""
            { role(slug: "backend-developer-python") { name family { name } levels { level { key } focus techStack }
              matrix { domain { name } skills { skill { name domain { name } } cells { level { key rank } proficiency mandatory } } } } }
            """);

        Assert.InRange(factory.Statements.Statements.Count, 1, 2);
    }

    [Fact]
    public async Task Nested_lists_of_a_page_of_roles_cost_one_statement()
    {
        var client = factory.CreateClient();
        await client.QueryDataAsync("{ levels { key } }");
        factory.Statements.Clear();

        var data = await client.QueryDataAsync("{ roles(first: 10) { nodes { levels { requirements { skill { domain { name } } } } } } }");

        Assert.Single(factory.Statements.Statements);
        var cells = data["roles"]!["nodes"]!.AsArray().Single()!["levels"]!.AsArray().Sum(l => l!["requirements"]!.AsArray().Count);
        Assert.Equal(357, cells);
    }

    [Fact]
    public async Task A_query_reads_only_the_selected_columns()
    {
        var client = factory.CreateClient();
        await client.QueryDataAsync("{ levels { key } }");
        factory.Statements.Clear();

        await client.QueryDataAsync("{ skills(first: 5) { nodes { name } } }");

        var sql = Assert.Single(factory.Statements.Statements);
        Assert.Contains("\"Name\"", sql, StringComparison.Ordinal);
        Assert.DoesNotContain("\"Slug\"", sql, StringComparison.Ordinal);
        Assert.DoesNotContain("\"Position\"", sql, StringComparison.Ordinal);
    }

    private static string Cell(JsonNode? cell) =>
        cell is null ? "-" : (string)cell["proficiency"]! + ((bool)cell["mandatory"]! ? "!" : "");

    /// <summary>
    /// Reads the seed's matrix with the page's rules written out again here, on purpose apart from the importer:
    /// an A after W, V or E is ADVANCED, else AWARENESS; short rows fill from Junior; WORKING and above are
    /// mandatory; a row repeated in a domain counts once.
    /// </summary>
    private static List<(string Domain, string Skill, string Cells)> ReadPageIndependently()
    {
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "seeds", "backend-developer-python.txt"))
            .Where(line => line.Length > 0).ToArray();
        var start = Array.IndexOf(lines, "Skill Matrix");
        var end = Array.IndexOf(lines, "FAQ");
        var rows = new List<(string, string, string)>();
        string? domain = null;
        for (var i = start; i < end; i++)
        {
            if (i + 1 < end && SkillsLine().IsMatch(lines[i + 1]))
            {
                domain = lines[i];
                continue;
            }

            var row = RowLine().Match(lines[i]);
            if (domain is null || !row.Success || lines[i].StartsWith("Skills ", StringComparison.Ordinal))
            {
                continue;
            }

            var seenAbove = false;
            var cells = row.Groups["letters"].Value.Trim().Split(' ').Select(letter =>
            {
                var proficiency = letter switch
                {
                    "W" => "WORKING",
                    "V" => "ADVANCED",
                    "E" => "EXPERT",
                    _ => seenAbove ? "ADVANCED" : "AWARENESS",
                };
                seenAbove |= letter != "A";
                return proficiency == "AWARENESS" ? proficiency : proficiency + "!";
            }).ToList();
            while (cells.Count < 5)
            {
                cells.Add("-");
            }

            var entry = (domain, row.Groups["name"].Value, string.Join(" ", cells));
            if (!rows.Contains(entry))
            {
                rows.Add(entry);
            }
        }

        return rows;
    }

    [GeneratedRegex(@"^\d+ skills$")]
    private static partial Regex SkillsLine();

    [GeneratedRegex(@"^(?<name>.+?)(?<letters>( [AWVE]){1,5})$")]
    private static partial Regex RowLine();
}
