using SkillMatrix.Catalog.Data;
using SkillMatrix.Catalog.Levels;
using SkillMatrix.Catalog.Requirements;
using SkillMatrix.Catalog.Matrix;

namespace SkillMatrix.Catalog.Roles;

internal sealed class RoleLevelType : ObjectGraphType<RoleLevel>
{
    public RoleLevelType()
    {
        Description = "What one level of the ladder means for a role.";
        Field(r => r.Level, typeof(NonNullGraphType<LevelType>));
        Field(l => l.Focus, nullable: true).Description("The page's 'Focus by Level' paragraph.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("techStack")
            .Description("The page's technology stack for the level, one item per comma-separated entry.")
            .ResolveFromSource(source => source.TechStack);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<RequirementType>>>>("requirements")
            .Description("The role's requirements at this level, in page order.")
            .ProjectedList(PageOrder.InPageOrder<RoleLevel>(l => l.Requirements));
    }
}
