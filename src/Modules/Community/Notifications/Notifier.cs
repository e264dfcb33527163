using SkillMatrix.Community.Data;

namespace SkillMatrix.Community.Notifications;

/// <summary>
/// Tells the watchers of a proposal's role and the proposal's author what happened to it, except whoever did it.
/// Runs inside the mutation's transaction: a refused mutation notifies nobody.
/// </summary>
internal sealed class Notifier(CommunityDbContext db, TimeProvider clock)
{
    public async Task NotifyAsync(Proposal proposal, NotificationKind kind, string actorId, CancellationToken cancellationToken)
    {
        var watchers = await db.Watches.Where(w => w.RoleId == proposal.RoleId).Select(w => w.MemberId).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var member in watchers.Append(proposal.AuthorId).Distinct().Where(m => m != actorId))
        {
            db.Notifications.Add(new Notification { MemberId = member, Kind = kind, Proposal = proposal, CreatedAt = now });
        }
    }
}
