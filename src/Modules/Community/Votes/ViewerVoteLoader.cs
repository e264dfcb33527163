using Platform.Data.DataLoaders;
using SkillMatrix.Community.Data;
using SkillMatrix.Community.Members;

namespace SkillMatrix.Community.Votes;

/// <summary>The viewer's votes on every proposal a request lists, in one statement.</summary>
internal sealed class ViewerVoteLoader(CommunityDbContext db) : BatchLoader<(string Member, int Proposal), VoteValue?>
{
    /// <summary>A deferred vote, or null at once for an anonymous viewer.</summary>
    public object? Load(IResolveFieldContext context, int proposalId) =>
        context.MemberId() is { } member ? Load((member, proposalId)) : null;

    protected override async Task<IReadOnlyDictionary<(string Member, int Proposal), VoteValue?>> FetchAsync(
        IReadOnlyList<(string Member, int Proposal)> keys, CancellationToken cancellationToken)
    {
        var member = keys[0].Member; // one viewer per request
        var proposals = keys.Select(k => k.Proposal).ToArray();
        var votes = await db.Votes.AsNoTracking()
            .Where(v => v.MemberId == member && proposals.Contains(v.ProposalId))
            .Select(v => new { v.ProposalId, v.Value })
            .ToListAsync(cancellationToken);
        return votes.ToDictionary(v => (member, v.ProposalId), v => (VoteValue?)v.Value);
    }
}
