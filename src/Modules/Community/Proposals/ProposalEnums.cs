using GraphQL.Types;
using SkillMatrix.Community.Data;

namespace SkillMatrix.Community.Proposals;

internal sealed class ProposalStatusType : EnumerationGraphType<ProposalStatus>
{
    public ProposalStatusType()
    {
        Name = "ProposalStatus";
        Description = "Where a proposal stands: OPEN, IN_REVIEW once its score reaches the threshold, then ACCEPTED, REJECTED or WITHDRAWN.";
    }
}

internal sealed class VoteValueType : EnumerationGraphType<VoteValue>
{
    public VoteValueType()
    {
        Name = "VoteValue";
    }
}

internal sealed class ReviewDecisionType : EnumerationGraphType<ReviewDecision>
{
    public ReviewDecisionType()
    {
        Name = "ReviewDecision";
    }
}

internal sealed class NotificationKindType : EnumerationGraphType<NotificationKind>
{
    public NotificationKindType()
    {
        Name = "NotificationKind";
    }
}
