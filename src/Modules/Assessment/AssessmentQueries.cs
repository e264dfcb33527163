using Platform.Data.Conventions.Paging;
using Platform.Server.Security;
using SkillMatrix.Assessment.Assessments;
using SkillMatrix.Assessment.Data;
using SkillMatrix.Assessment.Grading;
using SkillMatrix.Assessment.Stats;

namespace SkillMatrix.Assessment;

/// <summary>The Assessment's root query fields, in the schema's order.</summary>
internal static class AssessmentQueries
{
    public static void AddTo(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<GradeEstimateType>>("estimateGrade")
            .Description("Estimates a level from self-ratings, and lists the skills to develop for the next one. Stores nothing.")
            .Argument<NonNullGraphType<EstimateGradeInputType>>("input")
            .ResolveAsync(async context => await EstimateGrade.HandleAsync(context));
        query.AddConnectionField<SavedAssessment, AssessmentType>("myAssessments", "The signed-in member's saved assessments, newest first.",
            context => context.Assessments().Assessments.Where(a => a.MemberId == context.User.GetMemberId()), a => a.Id, newestFirst: true)
            .AuthorizeWithRoles(Roles.Member);
        query.Field<AssessmentStatsType>("assessmentStats")
            .Description("Figures over a role's saved assessments; null below five of them, so nobody's answers can be singled out.")
            .Argument<NonNullGraphType<StringGraphType>>("roleSlug")
            .ResolveAsync(async context => await AssessmentStats.ComputeAsync(context, context.GetArgument<string>("roleSlug")));
    }
}
