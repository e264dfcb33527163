using Microsoft.Extensions.Options;
using SkillMatrix.Assessment.Data;
using SkillMatrix.Assessment.Grading;
using SkillMatrix.Catalog.Contracts;

namespace SkillMatrix.Assessment.Stats;

internal sealed record AssessmentStats(int AssessmentCount, IReadOnlyList<LevelCount> ByLevel, IReadOnlyList<SkillCount> TopBlockingSkills)
{
    /// <summary>Null for an unknown role, and below the minimum number of saved assessments.</summary>
    public static async Task<AssessmentStats?> ComputeAsync(IResolveFieldContext context, string roleSlug)
    {
        var cancellationToken = context.CancellationToken;
        var role = await context.Service<ICatalogReader>().FindRoleAsync(roleSlug, cancellationToken);
        if (role is null)
        {
            return null;
        }

        var db = context.Assessments();
        var count = await db.Assessments.CountAsync(a => a.RoleId == role.Id, cancellationToken);
        if (count < context.Service<IOptions<AssessmentOptions>>().Value.StatsMinimumAssessments)
        {
            return null;
        }

        var grader = context.Service<Grader>();
        var matrix = (await grader.MatrixAsync(role.Id, cancellationToken))!;
        var ratings = await db.Ratings.AsNoTracking()
            .Where(r => db.Assessments.Any(a => a.Id == r.AssessmentId && a.RoleId == role.Id))
            .Select(r => new { r.AssessmentId, r.SkillId, r.Proficiency })
            .ToListAsync(cancellationToken);
        var assessmentIds = await db.Assessments.Where(a => a.RoleId == role.Id).Select(a => a.Id).ToListAsync(cancellationToken);
        var byAssessment = ratings.ToLookup(r => r.AssessmentId);
        var estimates = assessmentIds
            .Select(id => grader.Estimate(matrix, byAssessment[id].ToDictionary(r => r.SkillId, r => r.Proficiency)))
            .ToList();

        var byLevel = new[] { (int?)null }.Concat(matrix.Ladder.Select(l => (int?)l.Id))
            .Select(level => new LevelCount(level, estimates.Count(e => e.Level?.Id == level)))
            .ToList();
        var pageOrder = matrix.Cells.Select(c => c.SkillId).Distinct().Select((skill, index) => (skill, index)).ToDictionary(p => p.skill, p => p.index);
        var blocking = estimates.SelectMany(e => e.Gaps.Select(g => g.SkillId))
            .GroupBy(skill => skill)
            .Select(g => new SkillCount(g.Key, g.Count()))
            .OrderByDescending(s => s.Count).ThenBy(s => pageOrder.GetValueOrDefault(s.SkillId, int.MaxValue))
            .Take(10)
            .ToList();
        return new AssessmentStats(assessmentIds.Count, byLevel, blocking);
    }
}

/// <summary>How many saved assessments estimate a level; a null level is below the first.</summary>
internal sealed record LevelCount(int? LevelId, int Count);

internal sealed record SkillCount(int SkillId, int Count);

internal sealed class AssessmentStatsType : ObjectGraphType<AssessmentStats>
{
    public AssessmentStatsType()
    {
        Description = "Figures over a role's saved assessments, graded against its current matrix.";
        Field(s => s.AssessmentCount);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<LevelCountType>>>>("byLevel")
            .Description("How many assessments reach each level as their highest; the first entry (level null) is below the first level.")
            .ResolveFromSource(source => source.ByLevel);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<SkillCountType>>>>("topBlockingSkills")
            .Description("The ten skills that most often stand between an assessment and its next level.")
            .ResolveFromSource(source => source.TopBlockingSkills);
    }
}

internal sealed class LevelCountType : ObjectGraphType<LevelCount>
{
    public LevelCountType()
    {
        this.LevelField("level", c => c.LevelId);
        Field(c => c.Count);
    }
}

internal sealed class SkillCountType : ObjectGraphType<SkillCount>
{
    public SkillCountType()
    {
        this.SkillField("skill", c => c.SkillId);
        Field(c => c.Count);
    }
}
