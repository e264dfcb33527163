
namespace SkillMatrix.Host.Tests.Data.Conventions;

/// <summary>
/// <c>where</c> over the real Host: every operator on the <c>skills</c> and <c>requirements</c> connections (read
/// to the end, page by page) and on the nested <c>role { skills requirements }</c> lists, each compared with the
/// answer the test computes from the seed page text.
/// </summary>
public abstract class FilteringTests(HostFixture fixture)
{
    public sealed class OnSqlite(SeededHost host) : FilteringTests(host), IClassFixture<SeededHost>;

    public sealed class OnPostgreSql(PostgreSqlHost<SeededHost> host) : FilteringTests(host), IClassFixture<PostgreSqlHost<SeededHost>>;

    private TestHost Host => fixture.Host;

    private static readonly Dictionary<string, (string Where, Func<SeedSkill, bool> Expected)> SkillFilters = new()
    {
        ["eq"] = ("""{ name: { eq: "Redis" } }""", s => s.Name == "Redis"),
        ["eq is case-sensitive"] = ("""{ name: { eq: "redis" } }""", s => s.Name == "redis"),
        ["neq"] = ("""{ name: { neq: "Redis" } }""", s => s.Name != "Redis"),
        ["contains"] = ("""{ name: { contains: "Design" } }""", s => s.Name.Contains("Design", StringComparison.Ordinal)),
        ["contains is case-sensitive"] = ("""{ name: { contains: "design" } }""", s => s.Name.Contains("design", StringComparison.Ordinal)),
        ["ncontains"] = ("""{ name: { ncontains: "Design" } }""", s => !s.Name.Contains("Design", StringComparison.Ordinal)),
        ["in"] = ("""{ name: { in: ["Redis", "CQRS", "No Such Skill"] } }""", s => s.Name is "Redis" or "CQRS"),
        ["nin"] = ("""{ name: { nin: ["Redis", "CQRS", "No Such Skill"] } }""", s => s.Name is not ("Redis" or "CQRS")),
        ["startsWith"] = ("""{ name: { startsWith: "API" } }""", s => s.Name.StartsWith("API", StringComparison.Ordinal)),
        ["startsWith is case-sensitive"] = ("""{ name: { startsWith: "api" } }""", s => s.Name.StartsWith("api", StringComparison.Ordinal)),
        ["nstartsWith"] = ("""{ name: { nstartsWith: "API" } }""", s => !s.Name.StartsWith("API", StringComparison.Ordinal)),
        ["endsWith"] = ("""{ name: { endsWith: "Testing" } }""", s => s.Name.EndsWith("Testing", StringComparison.Ordinal)),
        ["endsWith is case-sensitive"] = ("""{ name: { endsWith: "testing" } }""", s => s.Name.EndsWith("testing", StringComparison.Ordinal)),
        ["nendsWith"] = ("""{ name: { nendsWith: "Testing" } }""", s => !s.Name.EndsWith("Testing", StringComparison.Ordinal)),
        ["ieq"] = ("""{ name: { ieq: "rEDIS" } }""", s => string.Equals(s.Name, "redis", StringComparison.OrdinalIgnoreCase)),
        ["icontains"] = ("""{ name: { icontains: "api" } }""", s => s.Name.Contains("api", StringComparison.OrdinalIgnoreCase)),
        ["istartsWith"] = ("""{ name: { istartsWith: "dAtA" } }""", s => s.Name.StartsWith("data", StringComparison.OrdinalIgnoreCase)),
        ["iendsWith"] = ("""{ name: { iendsWith: "TESTING" } }""", s => s.Name.EndsWith("testing", StringComparison.OrdinalIgnoreCase)),
        ["icontains % is literal"] = ("""{ name: { icontains: "%" } }""", _ => false),
        ["icontains _ is literal"] = ("""{ name: { icontains: "a_i" } }""", _ => false),
        ["istartsWith % is literal"] = ("""{ name: { istartsWith: "%" } }""", _ => false),
        ["iendsWith _ is literal"] = ("""{ name: { iendsWith: "_" } }""", _ => false),
        ["operation or"] = ("""{ name: { or: [{ startsWith: "Data" }, { endsWith: "Design" }] } }""",
            s => s.Name.StartsWith("Data", StringComparison.Ordinal) || s.Name.EndsWith("Design", StringComparison.Ordinal)),
        ["nested domain"] = ("""{ domain: { name: { eq: "Security" } } }""", s => s.Domain == "Security"),
        ["and/or nesting"] = ("""{ or: [{ name: { startsWith: "API" } }, { and: [{ domain: { name: { eq: "Security" } } }, { name: { ncontains: "OAuth" } }] }] }""",
            s => s.Name.StartsWith("API", StringComparison.Ordinal) || (s.Domain == "Security" && !s.Name.Contains("OAuth", StringComparison.Ordinal))),
        ["list some"] = ("""{ requirements: { some: { proficiency: { eq: EXPERT } } } }""", s => s.Cells.Any(c => c.Proficiency == "EXPERT")),
        ["list some with two fields"] = ("""{ requirements: { some: { level: { key: { eq: "LEAD_STAFF" } }, proficiency: { eq: ADVANCED } } } }""",
            s => s.Cells.Any(c => c.LevelKey == "LEAD_STAFF" && c.Proficiency == "ADVANCED")),
        ["list all"] = ("""{ requirements: { all: { mandatory: { eq: true } } } }""", s => s.Cells.All(c => c.Mandatory)),
        ["list none"] = ("""{ requirements: { none: { proficiency: { eq: EXPERT } } } }""", s => s.Cells.All(c => c.Proficiency != "EXPERT")),
        ["list any true"] = ("""{ requirements: { any: true } }""", s => s.Cells.Count > 0),
        ["list any false"] = ("""{ requirements: { any: false } }""", s => s.Cells.Count == 0),
    };

    private static readonly Dictionary<string, (string Where, Func<SeedCell, bool> Expected)> RequirementFilters = new()
    {
        ["rank eq"] = ("{ level: { rank: { eq: 3 } } }", c => c.Rank == 3),
        ["rank neq"] = ("{ level: { rank: { neq: 3 } } }", c => c.Rank != 3),
        ["rank gt"] = ("{ level: { rank: { gt: 3 } } }", c => c.Rank > 3),
        ["rank ngt"] = ("{ level: { rank: { ngt: 3 } } }", c => c.Rank <= 3),
        ["rank gte"] = ("{ level: { rank: { gte: 4 } } }", c => c.Rank >= 4),
        ["rank ngte"] = ("{ level: { rank: { ngte: 4 } } }", c => c.Rank < 4),
        ["rank lt"] = ("{ level: { rank: { lt: 2 } } }", c => c.Rank < 2),
        ["rank nlt"] = ("{ level: { rank: { nlt: 2 } } }", c => c.Rank >= 2),
        ["rank lte"] = ("{ level: { rank: { lte: 2 } } }", c => c.Rank <= 2),
        ["rank nlte"] = ("{ level: { rank: { nlte: 2 } } }", c => c.Rank > 2),
        ["rank in"] = ("{ level: { rank: { in: [1, 5] } } }", c => c.Rank is 1 or 5),
        ["rank nin"] = ("{ level: { rank: { nin: [1, 5] } } }", c => c.Rank is not (1 or 5)),
        ["mandatory eq true"] = ("{ mandatory: { eq: true } }", c => c.Mandatory),
        ["mandatory eq false"] = ("{ mandatory: { eq: false } }", c => !c.Mandatory),
        ["mandatory neq true"] = ("{ mandatory: { neq: true } }", c => !c.Mandatory),
        ["proficiency in"] = ("{ proficiency: { in: [EXPERT, ADVANCED] } }", c => c.Proficiency is "EXPERT" or "ADVANCED"),
        ["proficiency nin"] = ("{ proficiency: { nin: [EXPERT, ADVANCED] } }", c => c.Proficiency is not ("EXPERT" or "ADVANCED")),
        ["proficiency eq"] = ("{ proficiency: { eq: AWARENESS } }", c => c.Proficiency == "AWARENESS"),
        ["proficiency neq"] = ("{ proficiency: { neq: AWARENESS } }", c => c.Proficiency != "AWARENESS"),
        ["nested skill domain"] = ("""{ skill: { domain: { name: { eq: "Security" } } } }""", c => c.Domain == "Security"),
        ["nested skill name icontains"] = ("""{ skill: { name: { icontains: "api" } } }""", c => c.Skill.Contains("api", StringComparison.OrdinalIgnoreCase)),
        ["level key in"] = ("""{ level: { key: { in: ["JUNIOR", "PRINCIPAL"] } } }""", c => c.LevelKey is "JUNIOR" or "PRINCIPAL"),
        ["level key startsWith"] = ("""{ level: { key: { startsWith: "LEAD" } } }""", c => c.LevelKey.StartsWith("LEAD", StringComparison.Ordinal)),
        ["role slug"] = ("""{ role: { slug: { eq: "backend-developer-python" } } }""", _ => true),
        ["and/or nesting"] = ("""{ or: [{ and: [{ level: { rank: { gte: 4 } } }, { proficiency: { eq: ADVANCED } }] }, { skill: { name: { eq: "Redis" } }, mandatory: { eq: true } }] }""",
            c => (c.Rank >= 4 && c.Proficiency == "ADVANCED") || (c.Skill == "Redis" && c.Mandatory)),
    };

    public static TheoryData<string> SkillFilterNames => [.. SkillFilters.Keys];

    public static TheoryData<string> RequirementFilterNames => [.. RequirementFilters.Keys];

    [Theory]
    [MemberData(nameof(SkillFilterNames))]
    public async Task Skill_filter_on_the_connection_and_on_role_skills_matches_the_seed_page(string filter)
    {
        var (where, predicate) = SkillFilters[filter];
        var expected = SeedCatalog.Sorted(SeedCatalog.Skills.Where(predicate).Select(s => s.Name));
        var client = Host.Anonymous();

        var connection = await SeedCatalog.ReadConnectionAsync(client, "skills", $"where: {where}", "name");
        var nested = (await client.QueryDataAsync($$"""{ role(slug: "{{SeedCatalog.RoleSlug}}") { skills(where: {{where}}) { name } } }"""))
            ["role"]!["skills"]!.AsArray();

        Assert.Equal(expected, SeedCatalog.Sorted(connection.Select(n => (string)n["name"]!)));
        Assert.Equal(expected, SeedCatalog.Sorted(nested.Select(n => (string)n!["name"]!)));
    }

    [Theory]
    [MemberData(nameof(RequirementFilterNames))]
    public async Task Requirement_filter_on_the_connection_and_on_role_requirements_matches_the_seed_page(string filter)
    {
        var (where, predicate) = RequirementFilters[filter];
        var expected = SeedCatalog.Sorted(SeedCatalog.Cells.Where(predicate).Select(c => c.Key));
        var client = Host.Anonymous();

        var connection = await SeedCatalog.ReadConnectionAsync(client, "requirements", $"where: {where}", "skill { name } level { key }");
        var nested = (await client.QueryDataAsync($$"""{ role(slug: "{{SeedCatalog.RoleSlug}}") { requirements(where: {{where}}) { skill { name } level { key } } } }"""))
            ["role"]!["requirements"]!.AsArray();

        Assert.Equal(expected, SeedCatalog.Sorted(connection.Select(SeedCatalog.KeyOf)));
        Assert.Equal(expected, SeedCatalog.Sorted(nested.Select(SeedCatalog.KeyOf)));
    }

    [Fact]
    public async Task Case_insensitive_contains_finds_every_api_skill_and_mandatory_counts_291()
    {
        var client = Host.Anonymous();

        var api = await SeedCatalog.ReadConnectionAsync(client, "skills", """where: { name: { icontains: "api" } }""", "name");
        var mandatory = await client.QueryDataAsync("{ requirements(where: { mandatory: { eq: true } }) { totalCount } }");

        var names = api.Select(n => (string)n["name"]!).ToList();
        Assert.Contains("REST API Design", names);
        Assert.Contains("API Testing", names);
        Assert.Equal(291, (int)mandatory["requirements"]!["totalCount"]!);
    }

    [Fact]
    public async Task Percent_and_underscore_in_the_text_match_only_themselves()
    {
        // A role of its own whose name holds both characters, on a host of the fixture's database kind: one host for
        // every case, since a host costs a migration and an import.
        var builder = TestHost.Start().Seeded(host => host.ImportSeedCopyAsync("Lead 100% Back_end"));
        await using var host = await (Host.OnPostgreSql ? builder.OnPostgreSql() : builder).BuildAsync();
        var cases = new (string Where, bool Matches)[]
        {
            ("""name: { icontains: "0% BACK" }""", true),
            ("""name: { icontains: "%" }""", true),
            ("""name: { icontains: "1_0" }""", false),          // `_` as a wildcard would match "100"
            ("""name: { icontains: "100%%" }""", false),
            ("""name: { istartsWith: "lead 100%" }""", true),
            ("""name: { istartsWith: "lead 1%" }""", false),    // `%` as a wildcard would match "100% ..."
            ("""name: { iendsWith: "K_END" }""", true),
            ("""name: { iendsWith: "_" }""", false),
            ("""name: { ieq: "LEAD 100% BACK_END" }""", true),
            ("""name: { ieq: "lead 100_ back%end" }""", false),
        };

        var wrong = new List<string>();
        foreach (var (where, matches) in cases)
        {
            var data = await host.Anonymous().QueryDataAsync($"{{ roles(where: {{ {where} }}) {{ nodes {{ name }} }} }}");
            var names = data["roles"]!["nodes"]!.AsArray().Select(n => (string)n!["name"]!).ToList();
            if (!names.SequenceEqual(matches ? ["Lead 100% Back_end"] : []))
            {
                wrong.Add($"{where}: [{string.Join(", ", names)}]");
            }
        }

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public async Task Nested_domain_skills_and_skill_requirements_are_filtered_and_sorted()
    {
        var data = await Host.Anonymous().QueryDataAsync("""
            { domains(where: { name: { istartsWith: "data" } }) { name
                skills(where: { name: { icontains: "data" } }, order: [{ name: DESC }]) { name
                  requirements(where: { level: { rank: { gte: 4 } } }, order: [{ level: { rank: DESC } }]) { level { key } proficiency } } } }
            """);

        var expected = SeedCatalog.Skills
            .Where(s => s.Domain.StartsWith("data", StringComparison.OrdinalIgnoreCase) && s.Name.Contains("data", StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(s => s.Name, StringComparer.Ordinal)
            .Select(s => $"{s.Name}: {string.Join(" ", s.Cells.Where(c => c.Rank >= 4).OrderByDescending(c => c.Rank).Select(c => $"{c.LevelKey}={c.Proficiency}"))}")
            .ToList();
        var domains = data["domains"]!.AsArray();
        Assert.Equal(["Database Management"], domains.Select(d => (string)d!["name"]!));
        Assert.NotEmpty(expected);
        Assert.Equal(expected, domains.SelectMany(d => d!["skills"]!.AsArray()).Select(s =>
            $"{(string)s!["name"]!}: {string.Join(" ", s["requirements"]!.AsArray().Select(r => $"{(string)r!["level"]!["key"]!}={(string)r["proficiency"]!}"))}"));
    }

    [Fact]
    public async Task Nested_role_level_requirements_are_filtered_per_level()
    {
        var data = await Host.Anonymous().QueryDataAsync($$"""
            { role(slug: "{{SeedCatalog.RoleSlug}}") { levels { level { key } requirements(where: { proficiency: { eq: EXPERT } }) { skill { name } level { key } } } } }
            """);

        foreach (var level in data["role"]!["levels"]!.AsArray())
        {
            var key = (string)level!["level"]!["key"]!;
            var expected = SeedCatalog.Sorted(SeedCatalog.Cells.Where(c => c.LevelKey == key && c.Proficiency == "EXPERT").Select(c => c.Key));
            Assert.Equal(expected, SeedCatalog.Sorted(level["requirements"]!.AsArray().Select(SeedCatalog.KeyOf)));
        }
    }
}
