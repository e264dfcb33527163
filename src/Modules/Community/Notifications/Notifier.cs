using SkillMatrix.Community.Data;
using Platform.Data.Events;
using SkillMatrix.Community.Live;

namespace SkillMatrix.Community.Notifications;

/// <summary>
/// Tells the watchers of a proposal's role and the proposal's author what happened to it, except whoever did it.
/// Runs inside the mutation's transaction: a refused mutation notifies nobody, and each member's subscription hears of
/// their notification only after the commit.
/// </summary>
internal sealed class Notifier(CommunityDbContext db, TimeProvider clock, EventOutbox outbox)
{
    public async Task NotifyAsync(Proposal proposal, NotificationKind kind, string actorId, CancellationToken cancellationToken)
    {
        var watchers = await db.Watches.Where(w => w.RoleId == proposal.RoleId).Select(w => w.MemberId).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var member in watchers.Append(proposal.AuthorId).Distinct().Where(m => m != actorId))
        {
            var notification = new Notification { MemberId = member, Kind = kind, Proposal = proposal, CreatedAt = now };
            db.Notifications.Add(notification);
            outbox.Enqueue(NotificationCreated.Topic(member), () => new NotificationCreated(notification.Id));
        }
    }
}
