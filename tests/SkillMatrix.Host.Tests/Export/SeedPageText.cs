using System.Text.RegularExpressions;

namespace SkillMatrix.Host.Tests.Export;

/// <summary>
/// What the export must show, read from the seed page by the test itself (not by the importer): the skill names of
/// the matrix rows and each level's focus paragraph.
/// </summary>
internal static partial class SeedPageText
{
    public static readonly string[] LevelNames = ["Junior", "Middle", "Senior", "Lead / Staff", "Principal"];

    private static readonly string[] Lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "seeds", "backend-developer-python.txt"));

    public static string Summary => Lines.Skip(1).First(l => l.Trim().Length > 0).Trim();

    /// <summary>Every row under a "Skills Jun Mid Sen Lead Princ" header, its letters cut off, each name once.</summary>
    public static IReadOnlyList<string> SkillNames()
    {
        var names = new List<string>();
        for (var i = 0; i < Lines.Length; i++)
        {
            if (!Lines[i].StartsWith("Skills Jun Mid Sen Lead Princ", StringComparison.Ordinal))
            {
                continue;
            }

            for (i++; i < Lines.Length && Lines[i].Trim().Length > 0; i++)
            {
                names.Add(TrailingLetters().Replace(Lines[i].Trim(), ""));
            }
        }

        return names.Distinct().ToList();
    }

    /// <summary>The paragraph under each level's name in "Focus by Level".</summary>
    public static IReadOnlyList<string> Focus()
    {
        var start = Array.IndexOf(Lines, "Focus by Level");
        var end = Array.IndexOf(Lines, "Skill Matrix");
        var section = Lines[(start + 1)..end].Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        return LevelNames.Select(level => section[section.IndexOf(level) + 1]).ToList();
    }

    [GeneratedRegex(@"( [AWVE])+$")]
    private static partial Regex TrailingLetters();
}
