using SkillMatrix.Catalog.Contracts;

namespace SkillMatrix.Assessment.Grading;

internal sealed class SkillRatingInput
{
    public string Skill { get; set; } = "";
    public Proficiency? Proficiency { get; set; }
}

internal sealed class EstimateGradeInput
{
    public string RoleSlug { get; set; } = "";
    public List<SkillRatingInput> Ratings { get; set; } = [];

    public List<RatingInput> RatingInputs() => Ratings.Select(r => new RatingInput(r.Skill, r.Proficiency)).ToList();
}

internal sealed class SkillRatingInputType : InputObjectGraphType<SkillRatingInput>
{
    public SkillRatingInputType()
    {
        Field(i => i.Skill).Description("A skill's slug.");
        this.ProficiencyField("proficiency").Description("Null: not held at all.");
    }
}

internal sealed class EstimateGradeInputType : InputObjectGraphType<EstimateGradeInput>
{
    public EstimateGradeInputType()
    {
        Field(i => i.RoleSlug);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<SkillRatingInputType>>>>("ratings");
    }
}

/// <summary><c>estimateGrade</c>: open to anyone, stores nothing.</summary>
internal static class EstimateGrade
{
    public static async Task<GradeEstimate> HandleAsync(IResolveFieldContext context)
    {
        var input = context.GetArgument<EstimateGradeInput>("input");
        var grader = context.Service<Grader>();
        var (matrix, ratings, problem) = await grader.ReadAsync(input.RoleSlug, input.RatingInputs(), context.CancellationToken);
        if (problem is not null)
        {
            // A query has no payload; the refusal is a GraphQL error that names what was wrong.
            throw new ExecutionError(problem.Message)
            {
                Code = problem.Code,
                Extensions = new Dictionary<string, object?> { ["skills"] = problem.Skills },
            };
        }

        return grader.Estimate(matrix!, ratings!);
    }
}
