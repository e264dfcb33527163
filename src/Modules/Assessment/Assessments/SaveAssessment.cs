using GraphQL;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;
using SkillMatrix.Assessment.Data;
using SkillMatrix.Assessment.Grading;
using Platform.Data.DataLoaders;
using Platform.Data.Relay;
using Platform.Data.Schema.Mutations;
using Platform.Server.Security;
using Platform.Data.Schema;

namespace SkillMatrix.Assessment.Assessments;

internal sealed class SaveAssessmentInputType : InputObjectGraphType<EstimateGradeInput>
{
    public SaveAssessmentInputType()
    {
        Name = "SaveAssessmentInput";
        Field(i => i.RoleSlug);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<SkillRatingInputType>>>>("ratings");
    }
}

internal sealed record SaveAssessmentPayload(int? AssessmentId) : Payload;

internal sealed class SaveAssessmentPayloadType : ObjectGraphType<SaveAssessmentPayload>
{
    public SaveAssessmentPayloadType()
    {
        Name = "SaveAssessmentPayload";
        Field<AssessmentType>("assessment").Resolve(context => context.Source.AssessmentId is { } id
            ? context.Service<EntityByKeyLoader<SavedAssessment>>().Load(context, id)
            : null);
        this.ErrorsField("SaveAssessmentError", typeof(NotFoundError), typeof(ValidationError));
    }
}

internal sealed class DeleteAssessmentInput
{
    public string AssessmentId { get; set; } = "";
}

internal sealed class DeleteAssessmentInputType : InputObjectGraphType<DeleteAssessmentInput>
{
    public DeleteAssessmentInputType()
    {
        Name = "DeleteAssessmentInput";
        Field<NonNullGraphType<IdGraphType>>("assessmentId");
    }
}

internal sealed record DeleteAssessmentPayload(string? AssessmentId) : Payload;

internal sealed class DeleteAssessmentPayloadType : ObjectGraphType<DeleteAssessmentPayload>
{
    public DeleteAssessmentPayloadType()
    {
        Name = "DeleteAssessmentPayload";
        Field<IdGraphType>("assessmentId").Resolve(context => context.Source.AssessmentId);
        this.ErrorsField("DeleteAssessmentError", typeof(NotFoundError));
    }
}

internal static class SaveAssessment
{
    public static async Task<SaveAssessmentPayload> SaveAsync(IResolveFieldContext context)
    {
        var input = context.GetArgument<EstimateGradeInput>("input");
        var (matrix, ratings, problem) = await context.Service<Grader>().ReadAsync(input.RoleSlug, EstimateGrade.Ratings(input.Ratings), context.CancellationToken);
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

    /// <summary>Only the owner can delete; anyone else is told it does not exist, as they cannot read it either.</summary>
    public static async Task<DeleteAssessmentPayload> DeleteAsync(IResolveFieldContext context)
    {
        var input = context.GetArgument<DeleteAssessmentInput>("input");
        var key = GlobalId.KeyOf(input.AssessmentId, "Assessment");
        var member = context.User.GetMemberId();
        var db = context.Assessments();
        var assessment = key is null ? null : await db.Assessments.FirstOrDefaultAsync(a => a.Id == key && a.MemberId == member, context.CancellationToken);
        if (assessment is null)
        {
            return new DeleteAssessmentPayload((string?)null) { Errors = [new NotFoundError($"You have no assessment with the id '{input.AssessmentId}'.")] };
        }

        db.Assessments.Remove(assessment);
        await db.SaveChangesAsync(context.CancellationToken);
        return new DeleteAssessmentPayload(input.AssessmentId);
    }
}
