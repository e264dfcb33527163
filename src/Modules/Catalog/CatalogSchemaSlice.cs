using GraphQL.Types;
using Platform.Data.Schema;
using SkillMatrix.Catalog.Domains;
using SkillMatrix.Catalog.Families;
using SkillMatrix.Catalog.Levels;
using SkillMatrix.Catalog.Requirements;
using SkillMatrix.Catalog.Roles;
using SkillMatrix.Catalog.Skills;

namespace SkillMatrix.Catalog;

internal sealed class CatalogSchemaSlice : ISchemaSlice
{
    public void AddQueryFields(ObjectGraphType query)
    {
        FamilyQueries.AddTo(query);
        RoleQueries.AddTo(query);
        LevelQueries.AddTo(query);
        DomainQueries.AddTo(query);
        SkillQueries.AddTo(query);
        RequirementQueries.AddTo(query);
    }
}
