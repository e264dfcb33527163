using GraphQL.Types;
using Platform.Data.DataLoaders;
using Platform.Data.Schema;
using SkillMatrix.Community.Data;

namespace SkillMatrix.Community.Proposals;

internal static class ProposalPayloadFields
{
    /// <summary>
    /// A payload's <c>proposal</c>: read after the mutation's transaction, projected onto what the client selected.
    /// </summary>
    public static void ProposalField<TPayload>(this ObjectGraphType<TPayload> payload, Func<TPayload, int?> proposalId) =>
        payload.Field<ProposalType>("proposal").Resolve(context => proposalId(context.Source) is { } id
            ? context.Service<EntityByKeyLoader<Proposal>>().Load(context, id)
            : null);
}

