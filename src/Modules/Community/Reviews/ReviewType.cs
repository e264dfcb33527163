using SkillMatrix.Community.Data;
using SkillMatrix.Community.Members;
using SkillMatrix.Community.Proposals;

namespace SkillMatrix.Community.Reviews;

internal sealed class ReviewType : ObjectGraphType<Review>
{
    public ReviewType()
    {
        Description = "An expert's decision on a proposal.";
        Field<NonNullGraphType<MemberType>>("reviewer").Resolve(context => context.Source.Reviewer);
        Field<NonNullGraphType<ReviewDecisionType>>("decision").Resolve(context => context.Source.Decision);
        Field(r => r.Note, nullable: true);
        this.UtcDateTimeField(r => r.At);
    }
}
