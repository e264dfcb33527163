using GraphQL.Types;
using Platform.Data.Schema;

namespace SkillMatrix.Community;

internal sealed class CommunitySchemaSlice : ISchemaSlice
{
    public void AddQueryFields(ObjectGraphType query) => CommunityQueries.AddTo(query);

    public void AddMutationFields(ObjectGraphType mutation) => CommunityMutations.AddTo(mutation);
}
