using SkillMatrix.Catalog.Contracts;

namespace SkillMatrix.Assessment.Tests;

/// <summary>One row of a hand-built matrix: a skill in a domain and its cells, one letter per level from the lowest.</summary>
/// <remarks>
/// Letters: A(wareness), W(orking), V (adVanced), E(xpert); upper case is mandatory, lower case optional, '-' no cell.
/// "W v - e" is a mandatory WORKING first level, an optional ADVANCED second, nothing at the third, an optional EXPERT fourth.
/// </remarks>
internal sealed record Row(string Domain, string Skill, string Cells);

/// <summary>Builds <see cref="RoleMatrix"/> values by hand, so the calculator is tested without a database.</summary>
internal static class Matrices
{
    public static readonly string[] FiveLevels = ["JUNIOR", "MIDDLE", "SENIOR", "LEAD_STAFF", "PRINCIPAL"];

    /// <summary>A role whose ladder is <paramref name="levels"/> (ids 101, 102, ...) and whose skills (ids 1, 2, ...) are the rows in page order.</summary>
    public static RoleMatrix Build(IReadOnlyList<string> levels, params Row[] rows)
    {
        var ladder = levels.Select((key, index) => new LevelReference(101 + index, key, key, index + 1)).ToList();
        var cells = new List<MatrixCell>();
        for (var skill = 0; skill < rows.Length; skill++)
        {
            var row = rows[skill];
            var letters = row.Cells.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (letters.Length > ladder.Count)
            {
                throw new ArgumentException($"'{row.Skill}' has more cells than the ladder has levels.", nameof(rows));
            }

            for (var level = 0; level < letters.Length; level++)
            {
                if (letters[level] != "-")
                {
                    cells.Add(new MatrixCell(skill + 1, SlugOf(row.Skill), row.Skill, row.Domain, ladder[level].Id,
                        ProficiencyOf(letters[level]), char.IsUpper(letters[level][0])));
                }
            }
        }

        return new RoleMatrix(new RoleReference(7, "hand-built-role", "Hand-built Role", 3), ladder, cells);
    }

    public static RoleMatrix Build(params Row[] rows) => Build(FiveLevels, rows);

    /// <summary>The test's own slug rule (lower case, spaces as dashes): enough for the names used here.</summary>
    public static string SlugOf(string name) => name.ToLowerInvariant().Replace(' ', '-');

    public static int SkillId(this RoleMatrix matrix, string name) => matrix.Cells.First(c => c.SkillName == name).SkillId;

    public static LevelReference Level(this RoleMatrix matrix, string key) => matrix.Ladder.Single(l => l.Key == key);

    /// <summary>Ratings by skill name, as the calculator takes them (by skill id).</summary>
    public static Dictionary<int, Proficiency?> Ratings(this RoleMatrix matrix, params (string Skill, Proficiency? Proficiency)[] ratings) =>
        ratings.ToDictionary(r => matrix.SkillId(r.Skill), r => r.Proficiency);

    /// <summary>Every skill rated exactly at what <paramref name="levelKey"/> requires of it (unrated where it requires nothing).</summary>
    public static Dictionary<int, Proficiency?> ExactlyAt(this RoleMatrix matrix, string levelKey)
    {
        var level = matrix.Level(levelKey);
        return matrix.Cells.Where(c => c.LevelId == level.Id).ToDictionary(c => c.SkillId, c => (Proficiency?)c.Proficiency);
    }

    /// <summary>Every skill of the matrix at <paramref name="proficiency"/>.</summary>
    public static Dictionary<int, Proficiency?> Everything(this RoleMatrix matrix, Proficiency? proficiency) =>
        matrix.Cells.Select(c => c.SkillId).Distinct().ToDictionary(id => id, _ => proficiency);

    private static Proficiency ProficiencyOf(string letter) => char.ToUpperInvariant(letter[0]) switch
    {
        'A' => Proficiency.Awareness,
        'W' => Proficiency.Working,
        'V' => Proficiency.Advanced,
        'E' => Proficiency.Expert,
        _ => throw new ArgumentException($"'{letter}' is not a cell letter.", nameof(letter)),
    };
}
