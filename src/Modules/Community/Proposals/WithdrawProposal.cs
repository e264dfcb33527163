using GraphQL;
using GraphQL.Types;
using Platform.Data.Schema.Mutations;
using SkillMatrix.Community.Data;
using SkillMatrix.Community.Members;
using SkillMatrix.Community.Notifications;
using Platform.Data.Schema;

namespace SkillMatrix.Community.Proposals;

internal sealed class ProposalIdInput
{
    public string ProposalId { get; set; } = "";
}

internal sealed class WithdrawProposalInputType : InputObjectGraphType<ProposalIdInput>
{
    public WithdrawProposalInputType()
    {
        Name = "WithdrawProposalInput";
        Field<NonNullGraphType<IdGraphType>>("proposalId");
    }
}

internal sealed record WithdrawProposalPayload(int? ProposalId) : Payload;

internal sealed class WithdrawProposalPayloadType : ObjectGraphType<WithdrawProposalPayload>
{
    public WithdrawProposalPayloadType()
    {
        Name = "WithdrawProposalPayload";
        this.ProposalField(p => p.ProposalId);
        this.ErrorsField("WithdrawProposalError", typeof(NotFoundError), typeof(NotAllowedError));
    }
}

internal static class WithdrawProposal
{
    public static async Task<WithdrawProposalPayload> HandleAsync(IResolveFieldContext context)
    {
        var input = context.GetArgument<ProposalIdInput>("input");
        var (proposal, error) = await ProposalLookup.FindAsync(context, input.ProposalId);
        var member = context.MemberId();
        error ??= proposal!.Withdraw(member, context.Service<TimeProvider>().GetUtcNow().UtcDateTime);
        if (error is not null)
        {
            return new WithdrawProposalPayload((int?)null) { Errors = [error] };
        }

        await context.Service<Notifier>().NotifyAsync(proposal!, NotificationKind.ProposalStatusChanged, member!, context.CancellationToken);
        await context.Community().SaveChangesAsync(context.CancellationToken);
        return new WithdrawProposalPayload(proposal!.Id);
    }
}
