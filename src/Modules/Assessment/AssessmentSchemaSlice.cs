using GraphQL;
using GraphQL.Types;
using SkillMatrix.Assessment.Assessments;
using SkillMatrix.Assessment.Data;
using SkillMatrix.Assessment.Grading;
using SkillMatrix.Assessment.Stats;
using Platform.Data.Conventions.Paging;
using Platform.Data.Schema;
using Platform.Data.Schema.Mutations;
using Platform.Server.Security;

namespace SkillMatrix.Assessment;

internal sealed class AssessmentSchemaSlice : ISchemaSlice
{
    public void AddQueryFields(ObjectGraphType query)
    {
        EstimateGrade.AddTo(query);
        query.AddConnectionField<SavedAssessment, AssessmentType>("myAssessments", "The signed-in member's saved assessments, newest first.",
            context => context.Assessments().Assessments.Where(a => a.MemberId == context.User.GetMemberId()), a => a.Id, newestFirst: true)
            .AuthorizeWithRoles(Roles.Member);
        AssessmentStatsQuery.AddTo(query);
    }

    public void AddMutationFields(ObjectGraphType mutation)
    {
        mutation.AddMutation<SaveAssessmentInputType, SaveAssessmentPayloadType, SaveAssessmentPayload>("saveAssessment",
            "Saves the viewer's ratings of a role, with the role's version.", SaveAssessment.SaveAsync).AuthorizeWithRoles(Roles.Member);
        mutation.AddMutation<DeleteAssessmentInputType, DeleteAssessmentPayloadType, DeleteAssessmentPayload>("deleteAssessment",
            "Deletes one of the viewer's saved assessments.", SaveAssessment.DeleteAsync).AuthorizeWithRoles(Roles.Member);
    }
}
