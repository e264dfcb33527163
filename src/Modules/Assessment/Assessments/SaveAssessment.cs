using SkillMatrix.Assessment.Data;
using SkillMatrix.Assessment.Grading;
using Platform.Data.DataLoaders;
using Platform.Server.Security;

namespace SkillMatrix.Assessment.Assessments;

internal sealed class SaveAssessmentInputType : InputObjectGraphType<EstimateGradeInput>
{
    public SaveAssessmentInputType()
    {
        Field(i => i.RoleSlug);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<SkillRatingInputType>>>>("ratings");
    }
}

internal sealed record SaveAssessmentPayload(int? AssessmentId) : Payload;

internal sealed class SaveAssessmentPayloadType : ObjectGraphType<SaveAssessmentPayload>
{
    public SaveAssessmentPayloadType()
    {
        Field<AssessmentType>("assessment").Resolve(context => context.LoadByKey<SavedAssessment>(context.Source.AssessmentId));
        this.ErrorsField("SaveAssessmentError", typeof(NotFoundError), typeof(ValidationError));
    }
}

internal static class SaveAssessment
{
    public static async Task<SaveAssessmentPayload> HandleAsync(IResolveFieldContext context)
    {
        var input = context.GetArgument<EstimateGradeInput>("input");
        var (matrix, ratings, problem) = await context.Service<Grader>().ReadAsync(input.RoleSlug, input.RatingInputs(), context.CancellationToken);
        if (problem is not null)
        {
            MutationError error = problem.Code == "ROLE_NOT_FOUND" ? new NotFoundError(problem.Message) : new ValidationError(problem.Message, "ratings");
            return new SaveAssessmentPayload((int?)null) { Errors = [error] };
        }

        var slugs = matrix!.Cells.GroupBy(c => c.SkillId).ToDictionary(g => g.Key, g => g.First().SkillSlug);
        var assessment = new SavedAssessment
        {
            MemberId = context.User.GetMemberId()!,
            RoleId = matrix.Role.Id,
            RoleSlug = matrix.Role.Slug,
            CatalogVersion = matrix.Role.Version,
            CreatedAt = context.Service<TimeProvider>().GetUtcNow().UtcDateTime,
            Ratings = ratings!.Select(r => new SavedRating { SkillId = r.Key, SkillSlug = slugs[r.Key], Proficiency = r.Value }).ToList(),
        };
        var db = context.Assessments();
        db.Assessments.Add(assessment);
        await db.SaveChangesAsync(context.CancellationToken);
        return new SaveAssessmentPayload(assessment.Id);
    }
}
