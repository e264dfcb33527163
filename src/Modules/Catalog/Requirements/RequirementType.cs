using SkillMatrix.Catalog.Data;
using SkillMatrix.Catalog.Levels;
using SkillMatrix.Catalog.Roles;
using SkillMatrix.Catalog.Skills;

namespace SkillMatrix.Catalog.Requirements;

internal sealed class RequirementType : NodeGraphType<Requirement>
{
    public RequirementType() : base("One cell of a role's matrix: the proficiency a skill needs at a level.", r => r.Id)
    {
        Field(r => r.Role, typeof(NonNullGraphType<RoleType>));
        Field(r => r.Skill, typeof(NonNullGraphType<SkillType>));
        Field(r => r.Level, typeof(NonNullGraphType<LevelType>));
        Field(r => r.Proficiency, typeof(NonNullGraphType<ProficiencyType>));
        Field(r => r.Mandatory).Description("WORKING or above is mandatory; AWARENESS is not.");
    }
}
