namespace SkillMatrix.Host.Tests.Data.Conventions;

/// <summary>
/// A list of strings filtered as HotChocolate's <c>ListStringOperationFilterInput</c> (<c>all none some</c> with the
/// string operations, <c>any</c>): a role level's <c>techStack</c>, stored as a JSON array on SQLite and a text array on
/// PostgreSQL. Each case asks per level whether the seeded role matches, against the page's "Technology Stack" lines
/// read here.
/// </summary>
public abstract class ScalarListFilterTests(HostFixture fixture)
{
    public sealed class OnSqlite(SeededHost host) : ScalarListFilterTests(host), IClassFixture<SeededHost>;

    public sealed class OnPostgreSql(PostgreSqlHost<SeededHost> host) : ScalarListFilterTests(host), IClassFixture<PostgreSqlHost<SeededHost>>;

    private TestHost Host => fixture.Host;

    private static readonly Dictionary<string, (string Filter, Func<IReadOnlyList<string>, bool> Expected)> Cases = new()
    {
        ["some eq"] = ("""{ some: { eq: "Sentry" } }""", items => items.Contains("Sentry")),
        ["some eq is case-sensitive"] = ("""{ some: { eq: "sentry" } }""", items => items.Contains("sentry")),
        ["some contains"] = ("""{ some: { contains: "Kafka" } }""", items => items.Any(i => i.Contains("Kafka", StringComparison.Ordinal))),
        ["some startsWith"] = ("""{ some: { startsWith: "Python 3.12" } }""", items => items.Any(i => i.StartsWith("Python 3.12", StringComparison.Ordinal))),
        ["some endsWith"] = ("""{ some: { endsWith: "basics" } }""", items => items.Any(i => i.EndsWith("basics", StringComparison.Ordinal))),
        ["some icontains"] = ("""{ some: { icontains: "KUBERNETES" } }""", items => items.Any(i => i.Contains("kubernetes", StringComparison.OrdinalIgnoreCase))),
        ["some in"] = ("""{ some: { in: ["Git", "Terraform"] } }""", items => items.Any(i => i is "Git" or "Terraform")),
        ["some with and"] = ("""{ some: { and: [{ startsWith: "Python" }, { endsWith: "+" }] } }""",
            items => items.Any(i => i.StartsWith("Python", StringComparison.Ordinal) && i.EndsWith('+'))),
        ["all ncontains"] = ("""{ all: { ncontains: "/" } }""", items => items.All(i => !i.Contains('/', StringComparison.Ordinal))),
        ["all icontains"] = ("""{ all: { icontains: "s" } }""", items => items.All(i => i.Contains('s', StringComparison.OrdinalIgnoreCase))),
        ["none contains"] = ("""{ none: { contains: "Python" } }""", items => !items.Any(i => i.Contains("Python", StringComparison.Ordinal))),
        ["none eq"] = ("""{ none: { eq: "Kubernetes" } }""", items => !items.Contains("Kubernetes")),
        ["any true"] = ("{ any: true }", items => items.Count > 0),
        ["any false"] = ("{ any: false }", items => items.Count == 0),
    };

    public static TheoryData<string> CaseNames => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task Tech_stack_filter_matches_the_levels_the_page_lists(string name)
    {
        var (filter, expected) = Cases[name];
        var stacks = TechStacks();
        var client = Host.Anonymous();

        var wrong = new List<string>();
        var outcomes = new HashSet<bool>();
        foreach (var (key, items) in stacks)
        {
            var data = await client.QueryDataAsync($$"""
                { roles(where: { levels: { some: { level: { key: { eq: "{{key}}" } }, techStack: {{filter}} } } }) { nodes { slug } } }
                """);
            var matched = data["roles"]!["nodes"]!.AsArray().Select(n => (string)n!["slug"]!).ToList();
            var expectedMatch = expected(items);
            outcomes.Add(expectedMatch);
            if (!matched.SequenceEqual(expectedMatch ? [SeedCatalog.RoleSlug] : []))
            {
                wrong.Add($"{key}: [{string.Join(", ", matched)}]");
            }
        }

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
        Assert.Equal(5, stacks.Count);
    }

    [Fact]
    public void The_cases_tell_levels_apart()
    {
        var stacks = TechStacks();

        // Cases that held for every level or for none could not tell a filter that ignores the list from one that works.
        var discriminating = Cases.Count(c => stacks.Values.Select(c.Value.Expected).Distinct().Count() == 2);
        Assert.True(discriminating >= 9, $"{discriminating} cases discriminate");
    }

    [Fact]
    public async Task The_list_is_filtered_in_the_nested_role_level_and_in_an_or()
    {
        var stacks = TechStacks();
        var data = await Host.Anonymous().QueryDataAsync("""
            { roles(where: { or: [{ levels: { all: { techStack: { some: { eq: "Sentry" } } } } },
                                  { levels: { some: { techStack: { all: { startsWith: "Distributed" } } } } }] }) { nodes { slug } } }
            """);

        var expected = stacks.Values.All(s => s.Contains("Sentry")) || stacks.Values.Any(s => s.All(i => i.StartsWith("Distributed", StringComparison.Ordinal)));
        Assert.Equal(expected ? [SeedCatalog.RoleSlug] : [], data["roles"]!["nodes"]!.AsArray().Select(n => (string)n!["slug"]!));
    }

    // The page's "Technology Stack" section: a line per level, its name, then items separated by ", ".
    private static Dictionary<string, IReadOnlyList<string>> TechStacks()
    {
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "seeds", "backend-developer-python.txt"));
        var start = Array.IndexOf(lines, "Technology Stack");
        var end = Array.IndexOf(lines, "Focus by Level");
        var stacks = new Dictionary<string, IReadOnlyList<string>>();
        foreach (var line in lines[(start + 1)..end].Where(l => l.Trim().Length > 0))
        {
            var level = Array.FindIndex(SeedCatalog.LevelNames, name => line.StartsWith(name + " ", StringComparison.Ordinal));
            Assert.True(level >= 0, $"'{line}' names no level");
            stacks[SeedCatalog.LadderKeys[level]] = line[(SeedCatalog.LevelNames[level].Length + 1)..].Split(", ").Select(i => i.Trim()).ToList();
        }

        return stacks;
    }
}
