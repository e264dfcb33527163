using SkillMatrix.Community.Data;
using SkillMatrix.Community.Live;
using SkillMatrix.Community.Members;
using SkillMatrix.Community.Notifications;

namespace SkillMatrix.Community.Proposals;

internal sealed class ProposalIdInput
{
    public string ProposalId { get; set; } = "";
}

internal sealed class WithdrawProposalInputType() : IdInputType<ProposalIdInput>("WithdrawProposalInput", "proposalId");

internal sealed class WithdrawProposalPayloadType() : ProposalPayloadType("WithdrawProposal", typeof(NotFoundError), typeof(NotAllowedError));

internal static class WithdrawProposal
{
    public static async Task<ProposalPayload> HandleAsync(IResolveFieldContext context)
    {
        var input = context.GetArgument<ProposalIdInput>("input");
        var (proposal, error) = await ProposalLookup.FindAsync(context, input.ProposalId);
        var member = context.MemberId();
        error ??= proposal!.Withdraw(member, context.Service<TimeProvider>().GetUtcNow().UtcDateTime);
        if (error is not null)
        {
            return ProposalPayload.Refused(error);
        }

        context.Announce(proposal!, ProposalEventKind.StatusChanged);
        await context.Service<Notifier>().NotifyAsync(proposal!, NotificationKind.ProposalStatusChanged, member!, context.CancellationToken);
        await context.Community().SaveChangesAsync(context.CancellationToken);
        return new ProposalPayload(proposal!.Id);
    }
}
