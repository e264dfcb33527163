using Platform.Data.Conventions.Paging;
using Platform.Data.DataLoaders;
using SkillMatrix.Catalog.Contracts;
using SkillMatrix.Community.Data;
using SkillMatrix.Community.Members;
using SkillMatrix.Community.Proposals;

namespace SkillMatrix.Community.Watches;

/// <summary>Community's fields on the Catalog's <c>Role</c>: its proposals and who watches it.</summary>
internal sealed class RoleCommunityFields : RoleTypeExtension
{
    public override void Extend(IComplexGraphType type, Func<object, int> keyOf)
    {
        type.AddConnectionField<Proposal, ProposalType>("proposals", "The proposals on this role.",
            context => context.Community().Proposals.Where(p => p.RoleId == keyOf(context.Source!)), p => p.Id);
        type.AddField(new FieldType
        {
            Name = "watcherCount",
            Description = "How many members watch the role.",
            Type = typeof(NonNullGraphType<IntGraphType>),
            Resolver = new GraphQL.Resolvers.FuncFieldResolver<object>(context =>
                context.Service<WatcherCountLoader>().Load(keyOf(context.Source!))),
        });
        type.AddField(new FieldType
        {
            Name = "viewerIsWatching",
            Description = "Whether the signed-in viewer watches the role; false when not signed in.",
            Type = typeof(NonNullGraphType<BooleanGraphType>),
            Resolver = new GraphQL.Resolvers.FuncFieldResolver<object>(context =>
                context.MemberId() is { } member
                    ? context.Service<WatchingLoader>().Load((member, keyOf(context.Source!)))
                    : false),
        });
    }
}

/// <summary>Watchers of every role a request lists, counted with one GROUP BY.</summary>
internal sealed class WatcherCountLoader(CommunityDbContext db) : BatchLoader<int, int>
{
    protected override async Task<IReadOnlyDictionary<int, int>> FetchAsync(IReadOnlyList<int> roleIds, CancellationToken cancellationToken)
    {
        var counts = await db.Watches.Where(w => roleIds.Contains(w.RoleId))
            .GroupBy(w => w.RoleId).Select(g => new { RoleId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(c => c.RoleId, c => c.Count, cancellationToken);
        return roleIds.Distinct().ToDictionary(id => id, id => counts.GetValueOrDefault(id));
    }
}

/// <summary>Which of the listed roles the viewer watches, in one statement.</summary>
internal sealed class WatchingLoader(CommunityDbContext db) : BatchLoader<(string Member, int RoleId), bool>
{
    protected override async Task<IReadOnlyDictionary<(string Member, int RoleId), bool>> FetchAsync(IReadOnlyList<(string Member, int RoleId)> keys, CancellationToken cancellationToken)
    {
        var member = keys[0].Member; // one viewer per request
        var roleIds = keys.Select(k => k.RoleId).ToArray();
        var watched = await db.Watches.Where(w => w.MemberId == member && roleIds.Contains(w.RoleId)).Select(w => w.RoleId).ToListAsync(cancellationToken);
        return keys.Distinct().ToDictionary(k => k, k => watched.Contains(k.RoleId));
    }
}
