using Microsoft.Extensions.Options;
using SkillMatrix.Community.Live;
using SkillMatrix.Community.Data;
using SkillMatrix.Community.Members;
using SkillMatrix.Community.Notifications;
using SkillMatrix.Community.Proposals;

namespace SkillMatrix.Community.Votes;

internal sealed class VoteOnProposalInput
{
    public string ProposalId { get; set; } = "";
    public VoteValue? Value { get; set; }
}

internal sealed class VoteOnProposalInputType : IdInputType<VoteOnProposalInput>
{
    public VoteOnProposalInputType() : base("VoteOnProposalInput", "proposalId")
    {
        Field<VoteValueType>("value").Description("UP or DOWN; null takes the vote back.");
    }
}

internal sealed class VoteOnProposalPayloadType() : ProposalPayloadType("VoteOnProposal", typeof(NotFoundError), typeof(NotAllowedError));

internal static class VoteOnProposal
{
    public static async Task<ProposalPayload> HandleAsync(IResolveFieldContext context)
    {
        var input = context.GetArgument<VoteOnProposalInput>("input");
        var db = context.Community();
        var cancellationToken = context.CancellationToken;
        var (proposal, error) = await ProposalLookup.FindAsync(context, input.ProposalId);
        var member = await context.MemberAsync(db);
        error ??= proposal!.Vote(member.Id);
        if (error is not null)
        {
            return ProposalPayload.Refused(error);
        }

        var vote = await db.Votes.FirstOrDefaultAsync(v => v.ProposalId == proposal!.Id && v.MemberId == member.Id, cancellationToken);
        var now = context.Service<TimeProvider>().GetUtcNow().UtcDateTime;
        if (input.Value is null)
        {
            if (vote is not null)
            {
                db.Votes.Remove(vote);
            }
        }
        else if (vote is null)
        {
            db.Votes.Add(new Vote { ProposalId = proposal!.Id, MemberId = member.Id, Value = input.Value.Value, At = now });
        }
        else
        {
            vote.Value = input.Value.Value;
            vote.At = now;
        }

        await db.SaveChangesAsync(cancellationToken);

        // Counted from the votes themselves, inside the transaction that holds the write lock: exact under any load.
        var counts = await db.Votes.Where(v => v.ProposalId == proposal!.Id)
            .GroupBy(v => v.Value).Select(g => new { Value = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        proposal!.CountVotes(counts.Where(c => c.Value == VoteValue.Up).Sum(c => c.Count), counts.Where(c => c.Value == VoteValue.Down).Sum(c => c.Count), now);
        context.Announce(proposal, ProposalEventKind.Voted);
        if (proposal.EnterReview(context.Service<IOptions<CommunityOptions>>().Value.ReviewThreshold))
        {
            context.Announce(proposal, ProposalEventKind.StatusChanged);
            await context.Service<Notifier>().NotifyAsync(proposal, NotificationKind.ProposalStatusChanged, member.Id, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        return new ProposalPayload(proposal.Id);
    }
}
