using SkillMatrix.Catalog.Contracts;
using SkillMatrix.Community.Live;
using SkillMatrix.Community.Data;
using SkillMatrix.Community.Members;
using SkillMatrix.Community.Notifications;
using SkillMatrix.Community.Proposals;

namespace SkillMatrix.Community.Reviews;

internal sealed class ReviewProposalInput
{
    public string ProposalId { get; set; } = "";
    public ReviewDecision Decision { get; set; }
    public string? Note { get; set; }
}

internal sealed class ReviewProposalInputType : IdInputType<ReviewProposalInput>
{
    public ReviewProposalInputType() : base("ReviewProposalInput", "proposalId")
    {
        Field<NonNullGraphType<ReviewDecisionType>>("decision");
        Field(i => i.Note, nullable: true).Description($"Up to {TextLimits.Text:N0} characters.");
    }
}

internal sealed class ReviewProposalPayloadType() : ProposalPayloadType("ReviewProposal", typeof(NotFoundError), typeof(ValidationError), typeof(ConflictError));

internal static class ReviewProposal
{
    public static async Task<ProposalPayload> HandleAsync(IResolveFieldContext context)
    {
        var input = context.GetArgument<ReviewProposalInput>("input");
        var db = context.Community();
        var cancellationToken = context.CancellationToken;
        var (proposal, error) = await ProposalLookup.FindAsync(context, input.ProposalId);
        error ??= input.Note is { } note && note.Length > TextLimits.Text ? new ValidationError($"'note' must have at most {TextLimits.Text:N0} characters.", "note") : null;
        if (error is not null)
        {
            return ProposalPayload.Refused(error);
        }

        // The decision comes first and the catalog change after it: when the change conflicts, the payload's error rolls
        // the mutation back, decision included.
        var reviewer = await context.MemberAsync(db);
        var now = context.Service<TimeProvider>().GetUtcNow().UtcDateTime;
        error = input.Decision == ReviewDecision.Accept ? proposal!.Accept(reviewer, input.Note, now) : proposal!.Reject(reviewer, input.Note, now);
        if (error is not null)
        {
            return ProposalPayload.Refused(error);
        }

        // Announced with the decision; when the catalog change conflicts, the rollback drops the announcement with it.
        context.Announce(proposal!, ProposalEventKind.StatusChanged);
        if (input.Decision == ReviewDecision.Accept)
        {
            // The proposal's global id makes the catalog change idempotent: applying it twice changes the matrix once.
            var outcome = await context.Service<ICatalogChanges>().ApplyAsync(new CellChange(
                ChangeId: GlobalId.Encode("Proposal", proposal!.Id),
                RoleId: proposal.RoleId,
                SkillSlug: proposal.SkillSlug,
                NewSkill: proposal.IsNewSkill ? new NewSkill(proposal.SkillName, proposal.DomainSlug) : null,
                LevelId: proposal.LevelId,
                From: proposal.From,
                To: proposal.To,
                Mandatory: proposal.Mandatory,
                Summary: Summary(proposal)), cancellationToken);
            if (outcome == CellChangeOutcome.Conflict)
            {
                return ProposalPayload.Refused(new ConflictError($"The cell {proposal.SkillName} at {proposal.LevelKey} no longer holds {Text(proposal.From)}; the proposal cannot be applied as it stands."));
            }
        }

        await context.Service<Notifier>().NotifyAsync(proposal, NotificationKind.ProposalStatusChanged, reviewer.Id, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return new ProposalPayload(proposal.Id);
    }

    private static string Summary(Proposal proposal) =>
        $"{proposal.SkillName} at {proposal.LevelKey}: {Text(proposal.From)} -> {Text(proposal.To)} ({proposal.Title})";

    private static string Text(Proficiency? proficiency) => proficiency?.ToString().ToUpperInvariant() ?? "no requirement";
}
