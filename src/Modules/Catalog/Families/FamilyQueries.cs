using GraphQL.Types;
using Platform.Data.Conventions;
using SkillMatrix.Catalog.Data;

namespace SkillMatrix.Catalog.Families;

internal static class FamilyQueries
{
    public static void AddTo(ObjectGraphType query) =>
        query.AddListField<RoleFamily, RoleFamilyType>("families", "Every role family, by name.",
            context => context.Catalog().Families.OrderBy(f => f.Name).ThenBy(f => f.Id));
}
