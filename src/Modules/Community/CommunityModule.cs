using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Platform.Data.DataLoaders;
using Platform.Hosting;
using SkillMatrix.Community.Data;
using SkillMatrix.Community.Members;
using SkillMatrix.Community.Notifications;
using SkillMatrix.Community.Votes;
using SkillMatrix.Community.Watches;

namespace SkillMatrix.Community;

/// <summary>Registration of the Community module: proposals, votes, comments, reviews, watches and notifications.</summary>
public static class CommunityModule
{
    /// <summary>The <c>role</c> claim of a member who may review proposals.</summary>
    public const string ExpertRole = "expert";

    public static IServiceCollection AddCommunityModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModule<CommunityDbContext>("community", CommunityQueries.AddTo, CommunityMutations.AddTo, CommunitySubscriptions.AddTo);
        services.Configure<CommunityOptions>(configuration.GetSection(CommunityOptions.SectionName));
        services.AddScoped<Notifier>();
        services.AddScoped<ViewerVoteLoader>();
        services.AddScoped<WatcherCountLoader>();
        services.AddScoped<WatchingLoader>();
        services.AddEntityByKeyLoader<CommunityDbContext, Proposal>(db => db.Proposals, p => p.Id);
        services.AddEntityByKeyLoader<CommunityDbContext, Comment>(db => db.Comments, c => c.Id);
        // For myNotifications events; the topic is the member's own, so a subscriber only ever names theirs.
        services.AddEntityByKeyLoader<CommunityDbContext, Notification>(db => db.Notifications, n => n.Id);
        services.AddNodeSource("Proposal", context => context.Community().Proposals, p => p.Id);
        services.AddNodeSource("Comment", context => context.Community().Comments, c => c.Id);
        // A notification is its member's alone: by id too, nobody else finds it.
        services.AddNodeSource("Notification", context => context.Community().Notifications.Where(n => n.MemberId == context.MemberId()), n => n.Id);
        services.AddTypeExtension<RoleCommunityFields>();
        return services;
    }
}
