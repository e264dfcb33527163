using Platform.Server.Security;
using SkillMatrix.Community.Comments;
using SkillMatrix.Community.Proposals;
using SkillMatrix.Community.Reviews;
using SkillMatrix.Community.Votes;
using SkillMatrix.Community.Watches;

namespace SkillMatrix.Community;

/// <summary>The Community's mutations, in the schema's order; each handler is its feature's <c>HandleAsync</c>.</summary>
internal static class CommunityMutations
{
    public static void AddTo(ObjectGraphType mutation)
    {
        mutation.AddMutation<SuggestChangeInputType, SuggestChangePayloadType, ProposalPayload>("suggestChange",
            "Proposes a change to one cell of a role's matrix.", SuggestChange.HandleAsync).AuthorizeWithRoles(Roles.Member);
        mutation.AddMutation<VoteOnProposalInputType, VoteOnProposalPayloadType, ProposalPayload>("voteOnProposal",
            "Votes UP or DOWN on someone else's open proposal; null takes the vote back.", VoteOnProposal.HandleAsync).AuthorizeWithRoles(Roles.Member);
        mutation.AddMutation<CommentOnProposalInputType, CommentOnProposalPayloadType, CommentOnProposalPayload>("commentOnProposal",
            "Comments on a proposal.", CommentOnProposal.HandleAsync).AuthorizeWithRoles(Roles.Member);
        mutation.AddMutation<WithdrawProposalInputType, WithdrawProposalPayloadType, ProposalPayload>("withdrawProposal",
            "Withdraws the viewer's own open proposal.", WithdrawProposal.HandleAsync).AuthorizeWithRoles(Roles.Member);
        mutation.AddMutation<ReviewProposalInputType, ReviewProposalPayloadType, ProposalPayload>("reviewProposal",
            "Accepts (and applies to the matrix) or rejects an open proposal. Experts only.", ReviewProposal.HandleAsync).AuthorizeWithRoles(CommunityModule.ExpertRole);
        mutation.AddMutation<WatchRoleInputType, WatchRolePayloadType, WatchRolePayload>("watchRole",
            "Watches a role's proposals. Idempotent.", WatchRole.HandleAsync).AuthorizeWithRoles(Roles.Member);
        mutation.AddMutation<UnwatchRoleInputType, UnwatchRolePayloadType, WatchRolePayload>("unwatchRole",
            "Stops watching a role. Idempotent.", UnwatchRole.HandleAsync).AuthorizeWithRoles(Roles.Member);
    }
}
