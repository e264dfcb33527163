using SkillMatrix.Community.Data;
using SkillMatrix.Community.Proposals;

namespace SkillMatrix.Community.Notifications;

internal sealed class NotificationType : NodeGraphType<Notification>
{
    public NotificationType()
        : base("Something happened to a proposal the member wrote or a role they watch.", n => n.Id)
    {
        Field<NonNullGraphType<NotificationKindType>>("kind").Resolve(context => context.Source.Kind);
        Field<NonNullGraphType<ProposalType>>("proposal").Resolve(context => context.Source.Proposal);
        this.UtcDateTimeField(n => n.CreatedAt);
    }
}
