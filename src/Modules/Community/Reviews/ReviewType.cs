using SkillMatrix.Community.Data;
using SkillMatrix.Community.Members;
using SkillMatrix.Community.Proposals;

namespace SkillMatrix.Community.Reviews;

internal sealed class ReviewType : ObjectGraphType<Review>
{
    public ReviewType()
    {
        Description = "An expert's decision on a proposal.";
        Field(r => r.Reviewer, typeof(NonNullGraphType<MemberType>));
        Field(r => r.Decision, typeof(NonNullGraphType<ReviewDecisionType>));
        Field(r => r.Note, nullable: true);
        this.UtcDateTimeField(r => r.At);
    }
}
