using Platform.Data.DataLoaders;
using SkillMatrix.Community.Data;

namespace SkillMatrix.Community.Proposals;

/// <summary>What the mutations on a proposal answer: the proposal they acted on, or why they did nothing.</summary>
internal sealed record ProposalPayload(int? ProposalId) : Payload
{
    public static ProposalPayload Refused(MutationError error) => new((int?)null) { Errors = [error] };
}

/// <summary>
/// <c>{Mutation}Payload { proposal errors: [{Mutation}Error!] }</c>: one graph type per mutation, as the contract names
/// them, over the one payload record.
/// </summary>
internal abstract class ProposalPayloadType : ObjectGraphType<ProposalPayload>
{
    protected ProposalPayloadType(string mutation, params Type[] errors)
    {
        Name = $"{mutation}Payload";
        this.ProposalField(p => p.ProposalId);
        this.ErrorsField($"{mutation}Error", errors);
    }
}

internal static class ProposalPayloadFields
{
    /// <summary>
    /// A payload's <c>proposal</c>: read after the mutation's transaction, projected onto what the client selected.
    /// </summary>
    public static void ProposalField<TPayload>(this ObjectGraphType<TPayload> payload, Func<TPayload, int?> proposalId) =>
        payload.Field<ProposalType>("proposal").Resolve(context => context.LoadByKey<Proposal>(proposalId(context.Source)));
}
