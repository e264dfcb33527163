using GraphQL.Types;
using Platform.Data.Schema;

namespace SkillMatrix.Assessment;

internal sealed class AssessmentSchemaSlice : ISchemaSlice
{
    public void AddQueryFields(ObjectGraphType query) => AssessmentQueries.AddTo(query);

    public void AddMutationFields(ObjectGraphType mutation) => AssessmentMutations.AddTo(mutation);
}
