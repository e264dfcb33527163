using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace SkillMatrix.Host.Tests.Testing;

/// <summary>One cell of the seed page's matrix, as the test reads it from the page text.</summary>
internal sealed record SeedCell(string Domain, string Skill, string LevelKey, int Rank, string Proficiency, bool Mandatory)
{
    /// <summary>The ladder of proficiencies: AWARENESS &lt; WORKING &lt; ADVANCED &lt; EXPERT.</summary>
    public int ProficiencyRank => Array.IndexOf(SeedCatalog.Proficiencies, Proficiency) + 1;

    /// <summary>What identifies a cell of one role: its skill and its level.</summary>
    public string Key => $"{Skill}@{LevelKey}";
}

/// <summary>A skill row of the seed page with its cells.</summary>
internal sealed record SeedSkill(string Domain, string Name, IReadOnlyList<SeedCell> Cells);

/// <summary>
/// The seed page read again by the tests, on purpose apart from the importer (no production parser code): an A
/// after W, V or E in the row is ADVANCED, else AWARENESS; short rows fill levels from Junior; WORKING and above
/// are mandatory; a row repeated in a domain counts once. Expected answers are computed from this.
/// </summary>
internal static partial class SeedCatalog
{
    public const string RoleSlug = "backend-developer-python";

    public static readonly string[] LadderKeys = ["JUNIOR", "MIDDLE", "SENIOR", "LEAD_STAFF", "PRINCIPAL"];

    public static readonly string[] Proficiencies = ["AWARENESS", "WORKING", "ADVANCED", "EXPERT"];

    /// <summary>The ladder's names as the page writes them, in "Focus by Level".</summary>
    public static readonly string[] LevelNames = ["Junior", "Middle", "Senior", "Lead / Staff", "Principal"];

    private static readonly string[] Lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "seeds", "backend-developer-python.txt"));

    private static readonly Lazy<IReadOnlyList<SeedSkill>> Page = new(Read);

    /// <summary>The role's summary: the first line under the title.</summary>
    public static string Summary => Lines.Skip(1).First(l => l.Trim().Length > 0).Trim();

    /// <summary>The names of the matrix's rows in page order, each once.</summary>
    public static IReadOnlyList<string> SkillNames => [.. Page.Value.Select(s => s.Name)];

    /// <summary>The paragraph under each level's name in "Focus by Level".</summary>
    public static IReadOnlyList<string> Focus()
    {
        var start = Array.IndexOf(Lines, "Focus by Level");
        var end = Array.IndexOf(Lines, "Skill Matrix");
        var section = Lines[(start + 1)..end].Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        return LevelNames.Select(level => section[section.IndexOf(level) + 1]).ToList();
    }

    public static IReadOnlyList<SeedSkill> Skills => Page.Value;

    public static IReadOnlyList<SeedCell> Cells => [.. Page.Value.SelectMany(s => s.Cells)];

    /// <summary>Sorted with ordinal comparison, so that two answers compare as sets.</summary>
    public static List<string> Sorted(IEnumerable<string> items) => [.. items.Order(StringComparer.Ordinal)];

    /// <summary>The key of a cell as the API answers it: <c>skill { name } level { key }</c>.</summary>
    public static string KeyOf(JsonNode? requirement) => $"{(string)requirement!["skill"]!["name"]!}@{(string)requirement["level"]!["key"]!}";

    /// <summary>The database key inside a global id (base64 of <c>Type:key</c>, as the contract states).</summary>
    public static int KeyOfGlobalId(string id)
    {
        var text = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(id));
        return int.Parse(text[(text.IndexOf(':', StringComparison.Ordinal) + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Every node of a connection, paged forward with <c>first: 100</c> and <c>after</c>; <paramref name="arguments"/>
    /// are the other arguments (e.g. <c>where: {...}</c>), <paramref name="nodeSelection"/> what to select of a node.
    /// </summary>
    public static async Task<List<JsonNode>> ReadConnectionAsync(HttpClient client, string field, string arguments, string nodeSelection)
    {
        var nodes = new List<JsonNode>();
        string? after = null;
        var separator = arguments.Length == 0 ? "" : ", ";
        for (var page = 0; page < 1000; page++)
        {
            var data = await client.QueryDataAsync(
                $$"""query($after: String) { {{field}}(first: 100, after: $after{{separator}}{{arguments}}) { nodes { {{nodeSelection}} } pageInfo { hasNextPage endCursor } } }""",
                new { after });
            var connection = data[field]!;
            nodes.AddRange(connection["nodes"]!.AsArray().Select(n => n!));
            if (!(bool)connection["pageInfo"]!["hasNextPage"]!)
            {
                return nodes;
            }

            after = (string?)connection["pageInfo"]!["endCursor"];
            Assert.NotNull(after);
        }

        throw new InvalidOperationException($"'{field}' did not end after 1000 pages.");
    }

    private static List<SeedSkill> Read()
    {
        var lines = Lines.Where(line => line.Length > 0).ToArray();
        var start = Array.IndexOf(lines, "Skill Matrix");
        var end = Array.IndexOf(lines, "FAQ");
        Assert.True(start >= 0 && end > start, "the seed page has a 'Skill Matrix' section before 'FAQ'");

        var skills = new List<SeedSkill>();
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

            var name = row.Groups["name"].Value;
            if (skills.Any(s => s.Domain == domain && s.Name == name))
            {
                continue; // the page lists `gRPC & Protocol Buffers` twice; it is one skill
            }

            var seenAbove = false;
            var cells = new List<SeedCell>();
            foreach (var letter in row.Groups["letters"].Value.Trim().Split(' '))
            {
                var proficiency = letter switch
                {
                    "W" => "WORKING",
                    "V" => "ADVANCED",
                    "E" => "EXPERT",
                    _ => seenAbove ? "ADVANCED" : "AWARENESS",
                };
                seenAbove |= letter != "A";
                var level = cells.Count;
                cells.Add(new SeedCell(domain, name, LadderKeys[level], level + 1, proficiency, proficiency != "AWARENESS"));
            }

            skills.Add(new SeedSkill(domain, name, cells));
        }

        // The facts the brief states, so that a misread page fails here and not in every test.
        Assert.Equal(74, skills.Count);
        Assert.Equal(14, skills.Select(s => s.Domain).Distinct().Count());
        Assert.Equal(357, skills.Sum(s => s.Cells.Count));
        Assert.Equal(291, skills.Sum(s => s.Cells.Count(c => c.Mandatory)));
        Assert.Equal(74, skills.Select(s => s.Name).Distinct().Count());
        return skills;
    }

    [GeneratedRegex(@"^\d+ skills$")]
    private static partial Regex SkillsLine();

    [GeneratedRegex(@"^(?<name>.+?)(?<letters>( [AWVE]){1,5})$")]
    private static partial Regex RowLine();
}
