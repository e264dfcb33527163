using SkillMatrix.Catalog.Contracts;

namespace SkillMatrix.Assessment.Grading;

internal sealed record RatingInput(string Skill, Proficiency? Proficiency);

/// <summary>Why a set of ratings cannot be graded: what was wrong, naming every offending slug.</summary>
internal sealed record RatingsProblem(string Code, string Message, IReadOnlyList<string> Skills);

/// <summary>
/// Turns ratings by skill slug into ratings by skill id for one role's matrix, refusing (never ignoring) unknown
/// skills, skills the role does not require, and a skill rated twice.
/// </summary>
internal static class RatingsReader
{
    public static (IReadOnlyDictionary<int, Proficiency?>? Ratings, RatingsProblem? Problem) Read(RoleMatrix matrix, IReadOnlyList<RatingInput> ratings, ISet<string> knownSkills)
    {
        var twice = ratings.GroupBy(r => r.Skill).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (twice.Count > 0)
        {
            return (null, new RatingsProblem("DUPLICATE_SKILL", $"Each skill may be rated once; rated more than once: {string.Join(", ", twice)}.", twice));
        }

        var unknown = ratings.Select(r => r.Skill).Where(s => !knownSkills.Contains(s)).ToList();
        if (unknown.Count > 0)
        {
            return (null, new RatingsProblem("UNKNOWN_SKILL", $"No skill has the slug: {string.Join(", ", unknown)}.", unknown));
        }

        var ofRole = matrix.Cells.GroupBy(c => c.SkillSlug).ToDictionary(g => g.Key, g => g.First().SkillId);
        var foreign = ratings.Select(r => r.Skill).Where(s => !ofRole.ContainsKey(s)).ToList();
        if (foreign.Count > 0)
        {
            return (null, new RatingsProblem("SKILL_NOT_IN_ROLE", $"Not skills of the role '{matrix.Role.Slug}': {string.Join(", ", foreign)}.", foreign));
        }

        return (ratings.ToDictionary(r => ofRole[r.Skill], r => r.Proficiency), null);
    }
}
