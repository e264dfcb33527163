using GraphQL;
using GraphQL.Types;
using Platform.Data.Conventions.Paging;
using Platform.Data.Schema;
using Platform.Data.Schema.Mutations;
using Platform.Server.Security;
using SkillMatrix.Community.Comments;
using SkillMatrix.Community.Data;
using SkillMatrix.Community.Members;
using SkillMatrix.Community.Notifications;
using SkillMatrix.Community.Proposals;
using SkillMatrix.Community.Reviews;
using SkillMatrix.Community.Stats;
using SkillMatrix.Community.Votes;
using SkillMatrix.Community.Watches;

namespace SkillMatrix.Community;

internal sealed class CommunitySchemaSlice : ISchemaSlice
{
    public void AddQueryFields(ObjectGraphType query)
    {
        query.AddConnectionField<Proposal, ProposalType>("proposals", "Every proposal: filter by status, role or author; order by score or dates.",
            context => context.Community().Proposals, p => p.Id);
        query.AddConnectionField<Notification, NotificationType>("myNotifications", "The signed-in member's notifications, newest first.",
            context => context.Community().Notifications.Where(n => n.MemberId == context.MemberId()), n => n.Id, newestFirst: true)
            .AuthorizeWithRoles(Roles.Member);
        ProposalStatsQuery.AddTo(query);
    }

    public void AddMutationFields(ObjectGraphType mutation)
    {
        mutation.AddMutation<SuggestChangeInputType, SuggestChangePayloadType, SuggestChangePayload>("suggestChange",
            "Proposes a change to one cell of a role's matrix.", SuggestChange.HandleAsync).AuthorizeWithRoles(Roles.Member);
        mutation.AddMutation<VoteOnProposalInputType, VoteOnProposalPayloadType, VoteOnProposalPayload>("voteOnProposal",
            "Votes UP or DOWN on someone else's open proposal; null takes the vote back.", VoteOnProposal.HandleAsync).AuthorizeWithRoles(Roles.Member);
        mutation.AddMutation<CommentOnProposalInputType, CommentOnProposalPayloadType, CommentOnProposalPayload>("commentOnProposal",
            "Comments on a proposal.", CommentOnProposal.HandleAsync).AuthorizeWithRoles(Roles.Member);
        mutation.AddMutation<WithdrawProposalInputType, WithdrawProposalPayloadType, WithdrawProposalPayload>("withdrawProposal",
            "Withdraws the viewer's own open proposal.", WithdrawProposal.HandleAsync).AuthorizeWithRoles(Roles.Member);
        mutation.AddMutation<ReviewProposalInputType, ReviewProposalPayloadType, ReviewProposalPayload>("reviewProposal",
            "Accepts (and applies to the matrix) or rejects an open proposal. Experts only.", ReviewProposal.HandleAsync).AuthorizeWithRoles(CommunityModule.ExpertRole);
        mutation.AddMutation<WatchRoleInputType, WatchRolePayloadType, WatchRolePayload>("watchRole",
            "Watches a role's proposals. Idempotent.", WatchRole.WatchAsync).AuthorizeWithRoles(Roles.Member);
        mutation.AddMutation<UnwatchRoleInputType, UnwatchRolePayloadType, WatchRolePayload>("unwatchRole",
            "Stops watching a role. Idempotent.", WatchRole.UnwatchAsync).AuthorizeWithRoles(Roles.Member);
    }
}
