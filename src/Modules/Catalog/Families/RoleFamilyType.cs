using SkillMatrix.Catalog.Data;
using SkillMatrix.Catalog.Roles;

namespace SkillMatrix.Catalog.Families;

internal sealed class RoleFamilyType : NodeGraphType<RoleFamily>
{
    public RoleFamilyType() : base("A family of related roles, e.g. Backend Engineering.", f => f.Id)
    {
        Field(f => f.Slug);
        Field(f => f.Name);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<RoleType>>>>("roles")
            .Description("The roles of the family, by name.")
            .ProjectedList(f => f.Roles.OrderBy(r => r.Name).ThenBy(r => r.Id));
    }
}
