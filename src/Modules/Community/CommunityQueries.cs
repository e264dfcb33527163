using Platform.Data.Conventions.Paging;
using Platform.Server.Security;
using SkillMatrix.Catalog.Contracts;
using SkillMatrix.Community.Data;
using SkillMatrix.Community.Members;
using SkillMatrix.Community.Notifications;
using SkillMatrix.Community.Proposals;
using SkillMatrix.Community.Stats;

namespace SkillMatrix.Community;

/// <summary>The Community's root query fields, in the schema's order.</summary>
internal static class CommunityQueries
{
    public static void AddTo(ObjectGraphType query)
    {
        query.AddConnectionField<Proposal, ProposalType>("proposals", "Every proposal: filter by status, role or author; order by score or dates.",
            context => context.Community().Proposals, p => p.Id);
        query.AddConnectionField<Notification, NotificationType>("myNotifications", "The signed-in member's notifications, newest first.",
            context => context.Community().Notifications.Where(n => n.MemberId == context.MemberId()), n => n.Id, newestFirst: true)
            .AuthorizeWithRoles(Roles.Member);
        query.Field<ProposalStatsType>("proposalStats")
            .Description("Counts of a role's proposals by status, and accepted changes per month; null for an unknown role.")
            .Argument<NonNullGraphType<StringGraphType>>("roleSlug")
            .ResolveAsync(async context =>
            {
                var role = await context.Service<ICatalogReader>().FindRoleAsync(context.GetArgument<string>("roleSlug"), context.CancellationToken);
                return role is null ? null : await ProposalStats.CountAsync(context.Community(), role.Id, context.CancellationToken);
            });
    }
}
