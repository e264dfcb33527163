using System.Text;
using System.Text.RegularExpressions;

namespace SkillMatrix.Host.Tests.Assessment;

/// <summary>A gap as the API answers it: <c>skill { slug } required current mandatory steps</c>.</summary>
internal sealed record ExpectedGap(string Skill, string Required, string? Current, bool Mandatory, int Steps);

/// <summary>What estimateGrade must answer for some ratings of the seeded role.</summary>
internal sealed record ExpectedEstimate(string? Level, string? NextLevel, IReadOnlyList<bool> Reached, IReadOnlyList<ExpectedGap> Gaps);

/// <summary>
/// The grade calculator's rule applied by the test to the seed page as <see cref="SeedCatalog"/> reads it (no
/// production code), so that the Host's answers are checked against values computed independently.
/// </summary>
internal static partial class SeedGrades
{
    public const string Role = SeedCatalog.RoleSlug;

    /// <summary>The slug rule the contract states: lower case, every run of other characters one dash, none at the ends.</summary>
    public static string SlugOf(string name) => NotSlug().Replace(name.ToLowerInvariant(), "-").Trim('-');

    public static IEnumerable<string> Slugs => SeedCatalog.Skills.Select(s => SlugOf(s.Name));

    /// <summary>Every skill rated exactly at what <paramref name="levelKey"/> asks of it (skills with no cell there left unrated).</summary>
    public static Dictionary<string, string?> ExactlyAt(string levelKey) =>
        SeedCatalog.Cells.Where(c => c.LevelKey == levelKey).ToDictionary(c => SlugOf(c.Skill), c => (string?)c.Proficiency);

    public static Dictionary<string, string?> Everything(string? proficiency) => Slugs.ToDictionary(s => s, _ => proficiency);

    /// <summary>The rule, from the issue: meets = at or above; coverage and mandatory share per level; reached in a prefix; gaps of the next level ordered.</summary>
    public static ExpectedEstimate Estimate(IReadOnlyDictionary<string, string?> ratings, double threshold = 0.8)
    {
        int RankOf(string? proficiency) => proficiency is null ? 0 : Array.IndexOf(SeedCatalog.Proficiencies, proficiency) + 1;
        bool Meets(SeedCell cell) => RankOf(ratings.GetValueOrDefault(SlugOf(cell.Skill))) >= cell.ProficiencyRank;

        var reached = new List<bool>();
        foreach (var level in SeedCatalog.LadderKeys)
        {
            var cells = SeedCatalog.Cells.Where(c => c.LevelKey == level).ToList();
            var mandatory = cells.Where(c => c.Mandatory).ToList();
            var coverage = cells.Count == 0 ? 1.0 : (double)cells.Count(Meets) / cells.Count;
            var mandatoryMet = mandatory.All(Meets);
            reached.Add((reached.Count == 0 || reached[^1]) && mandatoryMet && coverage >= threshold);
        }

        var count = reached.TakeWhile(r => r).Count();
        var levelKey = count == 0 ? null : SeedCatalog.LadderKeys[count - 1];
        var next = count < SeedCatalog.LadderKeys.Length ? SeedCatalog.LadderKeys[count] : null;
        var pageOrder = SeedCatalog.Skills.Select((skill, index) => (skill.Name, index)).ToDictionary(p => p.Name, p => p.index);
        var gaps = SeedCatalog.Cells.Where(c => c.LevelKey == next && !Meets(c))
            .Select(c =>
            {
                var current = ratings.GetValueOrDefault(SlugOf(c.Skill));
                return (Cell: c, Gap: new ExpectedGap(SlugOf(c.Skill), c.Proficiency, current, c.Mandatory, c.ProficiencyRank - RankOf(current)));
            })
            .OrderBy(g => g.Gap.Mandatory ? 0 : 1).ThenByDescending(g => g.Gap.Steps).ThenBy(g => pageOrder[g.Cell.Skill])
            .Select(g => g.Gap)
            .ToList();
        return new ExpectedEstimate(levelKey, next, reached, gaps);
    }

    /// <summary>Ratings as a GraphQL list literal: <c>[{ skill: "x", proficiency: WORKING }, ...]</c>.</summary>
    public static string Literal(IEnumerable<KeyValuePair<string, string?>> ratings)
    {
        var text = new StringBuilder("[");
        foreach (var (skill, proficiency) in ratings)
        {
            text.Append("{ skill: \"").Append(skill).Append("\", proficiency: ").Append(proficiency ?? "null").Append(" } ");
        }

        return text.Append(']').ToString();
    }

    public static string Literal(params (string Skill, string? Proficiency)[] ratings) =>
        Literal(ratings.Select(r => KeyValuePair.Create(r.Skill, r.Proficiency)));

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NotSlug();
}
