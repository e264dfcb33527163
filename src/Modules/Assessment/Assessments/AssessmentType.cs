using SkillMatrix.Assessment.Data;
using SkillMatrix.Assessment.Grading;
using Platform.Data.DataLoaders;
using SkillMatrix.Catalog.Contracts;

namespace SkillMatrix.Assessment.Assessments;

internal sealed class AssessmentType : NodeGraphType<SavedAssessment>
{
    public AssessmentType() : base("A member's saved self-assessment. Only its owner can read it.", a => a.Id)
    {
        this.RoleField("role", a => a.RoleId);
        this.UtcDateTimeField(a => a.CreatedAt);
        Field(a => a.CatalogVersion).Description("The role's version when the ratings were saved.");
        Field(s => s.Ratings, typeof(NonNullGraphType<ListGraphType<NonNullGraphType<SkillRatingType>>>));
        Field<NonNullGraphType<GradeEstimateType>>("estimate")
            .Description("The ratings graded against the role's current matrix.")
            .Resolve(context => context.Service<SavedEstimateLoader>().Load(context.Source.Id));
    }
}

internal sealed class SkillRatingType : ObjectGraphType<SavedRating>
{
    public SkillRatingType()
    {
        this.SkillField("skill", r => r.SkillId);
        this.ProficiencyField("proficiency", r => r.Proficiency);
    }
}

/// <summary>The estimates of every saved assessment a request lists: their ratings in one statement, each role's matrix once.</summary>
internal sealed class SavedEstimateLoader(AssessmentDbContext db, Grader grader) : BatchLoader<int, GradeEstimate>
{
    protected override async Task<IReadOnlyDictionary<int, GradeEstimate>> FetchAsync(IReadOnlyList<int> ids, CancellationToken cancellationToken)
    {
        var saved = await db.Assessments.AsNoTracking().Where(a => ids.Contains(a.Id))
            .Select(a => new { a.Id, a.RoleId, Ratings = a.Ratings.Select(r => new { r.SkillId, r.Proficiency }).ToList() })
            .ToListAsync(cancellationToken);
        var estimates = new Dictionary<int, GradeEstimate>();
        foreach (var assessment in saved)
        {
            if (await grader.MatrixAsync(assessment.RoleId, cancellationToken) is { } matrix)
            {
                // Skills the matrix no longer holds simply meet nothing; the rest are graded as saved.
                estimates[assessment.Id] = grader.Estimate(matrix, assessment.Ratings.ToDictionary(r => r.SkillId, r => r.Proficiency));
            }
        }

        return estimates;
    }
}
