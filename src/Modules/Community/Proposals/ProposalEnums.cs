using SkillMatrix.Community.Data;

namespace SkillMatrix.Community.Proposals;

// The engine names each enum type after its class without "Type", and its values after the enum's members.
internal sealed class ProposalStatusType : EnumerationGraphType<ProposalStatus>
{
    public ProposalStatusType()
    {
        Description = "Where a proposal stands: OPEN, IN_REVIEW once its score reaches the threshold, then ACCEPTED, REJECTED or WITHDRAWN.";
    }
}

internal sealed class VoteValueType : EnumerationGraphType<VoteValue>;

internal sealed class ReviewDecisionType : EnumerationGraphType<ReviewDecision>;

internal sealed class NotificationKindType : EnumerationGraphType<NotificationKind>;
