using Platform.Data.Persistence;
using SkillMatrix.Community.Data;

namespace SkillMatrix.Community.Proposals;

internal static class ProposalLookup
{
    /// <summary>
    /// The proposal a mutation's input names by global id, tracked for change and locked until the mutation ends (a
    /// vote's tally, a review, a withdrawal each decide on its status, so they take turns on it); or the error to answer.
    /// </summary>
    public static async Task<(Proposal? Proposal, MutationError? Error)> FindAsync(IResolveFieldContext context, string id)
    {
        var key = GlobalId.KeyOf(id, "Proposal");
        var proposal = key is null ? null : await context.Community().Proposals.ForUpdate().FirstOrDefaultAsync(p => p.Id == key, context.CancellationToken);
        return proposal is null ? (null, new NotFoundError($"No proposal has the id '{id}'.")) : (proposal, null);
    }
}
