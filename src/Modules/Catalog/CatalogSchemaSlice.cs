using GraphQL.Types;
using SkillMatrix.BuildingBlocks.Schema;

namespace SkillMatrix.Catalog;

internal sealed class CatalogSchemaSlice : ISchemaSlice
{
    public void AddQueryFields(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<StringGraphType>>("hello").Resolve(_ => "world");
    }
}
