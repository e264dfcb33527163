using SkillMatrix.Community.Data;
using SkillMatrix.Community.Proposals;

namespace SkillMatrix.Community.Notifications;

internal sealed class NotificationType : NodeGraphType<Notification>
{
    public NotificationType() : base("Something happened to a proposal the member wrote or a role they watch.", n => n.Id)
    {
        Field(n => n.Kind, typeof(NonNullGraphType<NotificationKindType>));
        Field(n => n.Proposal, typeof(NonNullGraphType<ProposalType>));
        this.UtcDateTimeField(n => n.CreatedAt);
    }
}
