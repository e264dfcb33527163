using Platform.Server.Security;
using SkillMatrix.Assessment.Data;

namespace SkillMatrix.Assessment.Assessments;

internal sealed class DeleteAssessmentInput
{
    public string AssessmentId { get; set; } = "";
}

internal sealed class DeleteAssessmentInputType() : IdInputType<DeleteAssessmentInput>("DeleteAssessmentInput", "assessmentId");

internal sealed record DeleteAssessmentPayload(string? AssessmentId) : Payload;

internal sealed class DeleteAssessmentPayloadType : ObjectGraphType<DeleteAssessmentPayload>
{
    public DeleteAssessmentPayloadType()
    {
        Field(d => d.AssessmentId, typeof(IdGraphType));
        this.ErrorsField("DeleteAssessmentError", typeof(NotFoundError));
    }
}

internal static class DeleteAssessment
{
    /// <summary>Only the owner can delete; anyone else is told it does not exist, as they cannot read it either.</summary>
    public static async Task<DeleteAssessmentPayload> HandleAsync(IResolveFieldContext context)
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
