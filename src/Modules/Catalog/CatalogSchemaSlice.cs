using GraphQL.Types;
using Platform.Data.Schema;

namespace SkillMatrix.Catalog;

internal sealed class CatalogSchemaSlice : ISchemaSlice
{
    public void AddQueryFields(ObjectGraphType query) => CatalogQueries.AddTo(query);
}
