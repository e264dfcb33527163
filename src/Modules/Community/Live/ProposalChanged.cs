using Platform.Data.DataLoaders;
using Platform.Data.Events;
using SkillMatrix.Community.Data;
using SkillMatrix.Community.Proposals;

namespace SkillMatrix.Community.Live;

internal enum ProposalEventKind
{
    Created = 1,
    Voted = 2,
    Commented = 3,
    StatusChanged = 4,
}

internal sealed class ProposalEventKindType : EnumerationGraphType<ProposalEventKind>
{
    public ProposalEventKindType()
    {
        Description = "What happened to the proposal: CREATED (suggestChange), VOTED, COMMENTED, STATUS_CHANGED (review, withdrawal, the review threshold reached).";
    }
}

/// <summary>
/// What the bus carries when a proposal changed: keys only (it must serialize for a bus across replicas); the
/// subscriber's selection loads the proposal, as it is when the event arrives, through the request's batch loader.
/// </summary>
internal sealed record ProposalChanged(ProposalEventKind Kind, int ProposalId)
{
    public static string Topic(string roleSlug) => "proposalChanged:" + roleSlug;
}

/// <summary><c>ProposalEvent { kind proposal }</c>.</summary>
internal sealed class ProposalEventType : ObjectGraphType<ProposalChanged>
{
    public ProposalEventType()
    {
        Name = "ProposalEvent";
        Description = "A change of a proposal: what happened, and the proposal as it is now (id, status, score, ...).";
        Field(e => e.Kind, typeof(NonNullGraphType<ProposalEventKindType>));
        Field<NonNullGraphType<ProposalType>>("proposal").Resolve(context => context.LoadByKey<Proposal>(context.Source.ProposalId));
    }
}

/// <summary>A notification was stored for <see cref="Notification.MemberId"/>: its id, for the member's own topic.</summary>
internal sealed record NotificationCreated(int NotificationId)
{
    public static string Topic(string memberId) => "myNotifications:" + memberId;
}

internal static class ProposalEvents
{
    /// <summary>
    /// Announces what happened to <paramref name="proposal"/> once the mutation's transaction commits (the request's
    /// outbox publishes then, and drops it on a rollback). The id is read then, so a new proposal has one.
    /// </summary>
    public static void Announce(this IResolveFieldContext context, Proposal proposal, ProposalEventKind kind) =>
        context.Service<EventOutbox>().Enqueue(ProposalChanged.Topic(proposal.RoleSlug), () => new ProposalChanged(kind, proposal.Id));
}
