using Platform.Server.Security;
using SkillMatrix.Assessment.Assessments;

namespace SkillMatrix.Assessment;

/// <summary>The Assessment's mutations, in the schema's order; each handler is its feature's <c>HandleAsync</c>.</summary>
internal static class AssessmentMutations
{
    public static void AddTo(ObjectGraphType mutation)
    {
        mutation.AddMutation<SaveAssessmentInputType, SaveAssessmentPayloadType, SaveAssessmentPayload>("saveAssessment",
            "Saves the viewer's ratings of a role, with the role's version.", SaveAssessment.HandleAsync).AuthorizeWithRoles(Roles.Member);
        mutation.AddMutation<DeleteAssessmentInputType, DeleteAssessmentPayloadType, DeleteAssessmentPayload>("deleteAssessment",
            "Deletes one of the viewer's saved assessments.", DeleteAssessment.HandleAsync).AuthorizeWithRoles(Roles.Member);
    }
}
