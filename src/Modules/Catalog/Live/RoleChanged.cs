using Platform.Data.DataLoaders;
using Platform.Data.Events;
using SkillMatrix.Catalog.Changes;
using SkillMatrix.Catalog.Contracts;
using SkillMatrix.Catalog.Data;

namespace SkillMatrix.Catalog.Live;

/// <summary>
/// What the bus carries when a role's matrix changed: keys only (it must serialize for a bus across replicas); the
/// subscriber's selection loads the role and the change entry when the event arrives.
/// </summary>
internal sealed record RoleChanged(int RoleId, int Version, int ChangeId)
{
    public static string Topic(string roleSlug) => "roleChanged:" + roleSlug;
}

/// <summary><c>RoleEvent { version change role }</c>: enough to update a cached role without a refetch.</summary>
internal sealed class RoleEventType : ObjectGraphType<RoleChanged>
{
    public RoleEventType()
    {
        Name = "RoleEvent";
        Description = "A role's matrix changed (an accepted proposal, an import): its new version and the changelog entry.";
        Field(e => e.Version).Description("The role's version after the change.");
        Field<NonNullGraphType<CatalogChangeType>>("change").Description("The changelog entry of the change.")
            .Resolve(context => context.LoadByKey<CatalogChange>(context.Source.ChangeId));
        this.RoleField("role", e => e.RoleId).Description("The role as it is now.");
    }
}

internal static class RoleChanges
{
    /// <summary>Announces the change once its transaction has committed (the request's outbox publishes it then).</summary>
    public static void Announce(EventOutbox outbox, Role role, CatalogChange entry) =>
        outbox.Enqueue(RoleChanged.Topic(role.Slug), () => new RoleChanged(role.Id, role.Version, entry.Id));
}
