using SkillMatrix.Catalog.Contracts;

namespace SkillMatrix.Assessment.Grading;

internal sealed record LevelFit(LevelReference Level, bool Reached, double Coverage, double MandatoryCoverage);

internal sealed record SkillGap(int SkillId, Proficiency Required, Proficiency? Current, bool Mandatory, int Steps);

internal sealed record GradeEstimate(int RoleId, LevelReference? Level, LevelReference? NextLevel, IReadOnlyList<LevelFit> Levels, IReadOnlyList<SkillGap> Gaps);

/// <summary>
/// The grade calculator's rule, exactly as the README states it:
/// a rating meets a requirement when it is at or above the required proficiency (an unrated skill meets nothing);
/// per level, coverage = met / all requirements and mandatoryCoverage = met / mandatory ones (1.0 when there are none);
/// a level is reached when mandatoryCoverage is 1.0, coverage is at least the threshold, and every lower level is reached;
/// the estimate is the highest reached level, the next level is the one above it (the first when none is reached,
/// none at the top), and the gaps are the next level's unmet requirements: mandatory first, then most steps, then
/// page order.
/// </summary>
internal static class GradeCalculator
{
    public static GradeEstimate Estimate(RoleMatrix matrix, IReadOnlyDictionary<int, Proficiency?> ratings, double coverageThreshold)
    {
        var fits = new List<LevelFit>(matrix.Ladder.Count);
        var lowerReached = true;
        foreach (var level in matrix.Ladder)
        {
            var cells = matrix.Cells.Where(c => c.LevelId == level.Id).ToList();
            var mandatory = cells.Where(c => c.Mandatory).ToList();
            var coverage = Share(cells.Count(c => Meets(c, ratings)), cells.Count);
            var mandatoryCoverage = Share(mandatory.Count(c => Meets(c, ratings)), mandatory.Count);
            var reached = lowerReached && mandatoryCoverage >= 1.0 && coverage >= coverageThreshold;
            fits.Add(new LevelFit(level, reached, coverage, mandatoryCoverage));
            lowerReached = reached;
        }

        var highest = fits.LastOrDefault(f => f.Reached)?.Level;
        var next = highest is null
            ? matrix.Ladder.FirstOrDefault()
            : matrix.Ladder.SkipWhile(l => l.Id != highest.Id).Skip(1).FirstOrDefault();

        // Cells come in page order, and OrderBy is stable, so ties keep domain and skill order.
        var gaps = next is null
            ? []
            : matrix.Cells.Where(c => c.LevelId == next.Id && !Meets(c, ratings))
                .Select(c => new SkillGap(c.SkillId, c.Proficiency, Rating(c.SkillId, ratings), c.Mandatory, (int)c.Proficiency - (int)(Rating(c.SkillId, ratings) ?? 0)))
                .OrderByDescending(g => g.Mandatory).ThenByDescending(g => g.Steps)
                .ToList();

        return new GradeEstimate(matrix.Role.Id, highest, next, fits, gaps);
    }

    private static bool Meets(MatrixCell cell, IReadOnlyDictionary<int, Proficiency?> ratings) =>
        Rating(cell.SkillId, ratings) is { } rating && rating >= cell.Proficiency;

    private static Proficiency? Rating(int skillId, IReadOnlyDictionary<int, Proficiency?> ratings) =>
        ratings.TryGetValue(skillId, out var rating) ? rating : null;

    private static double Share(int met, int of) => of == 0 ? 1.0 : (double)met / of;
}
