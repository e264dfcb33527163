using Platform.Data.DataLoaders;
using Platform.Data.Events;
using Platform.Server.Security;
using SkillMatrix.Catalog.Contracts;
using SkillMatrix.Community.Data;
using SkillMatrix.Community.Live;
using SkillMatrix.Community.Members;
using SkillMatrix.Community.Notifications;

namespace SkillMatrix.Community;

/// <summary>The Community's subscription fields, in the schema's order.</summary>
internal static class CommunitySubscriptions
{
    public static void AddTo(ObjectGraphType subscription)
    {
        subscription.Field<NonNullGraphType<ProposalEventType>>("proposalChanged")
            .Description("Every change of a proposal of the role, as it commits: created, voted on, commented on, its status changed. Public.")
            .Argument<NonNullGraphType<StringGraphType>>("roleSlug")
            .ResolveStreamAsync(async context =>
            {
                var slug = context.GetArgument<string>("roleSlug");
                if (await context.Service<ICatalogReader>().FindRoleAsync(slug, context.CancellationToken) is null)
                {
                    throw new ExecutionError($"No role has the slug '{slug}'.") { Code = "NOT_FOUND" };
                }

                return context.Service<IEventBus>().Observe<ProposalChanged>(ProposalChanged.Topic(slug));
            });

        subscription.Field<NonNullGraphType<NotificationType>>("myNotifications")
            .Description("The signed-in member's notifications as they are made: what myNotifications would list.")
            .AuthorizeWithRoles(Roles.Member)
            .ResolveStream(context => context.Service<IEventBus>().Observe<NotificationCreated>(NotificationCreated.Topic(
                context.MemberId() ?? throw new InvalidOperationException("The field's authorization should have refused an anonymous subscriber."))))
            .Resolve(context => context.LoadByKey<Notification>(((NotificationCreated)context.Source!).NotificationId));
    }
}
