using SkillMatrix.Catalog.Data;
using SkillMatrix.Catalog.Levels;
using SkillMatrix.Catalog.Roles;
using SkillMatrix.Catalog.Skills;

namespace SkillMatrix.Catalog.Requirements;

internal sealed class RequirementType : NodeGraphType<Requirement>
{
    public RequirementType()
        : base("One cell of a role's matrix: the proficiency a skill needs at a level.", r => r.Id)
    {
        Field<NonNullGraphType<RoleType>>("role").Resolve(context => context.Source.Role);
        Field<NonNullGraphType<SkillType>>("skill").Resolve(context => context.Source.Skill);
        Field<NonNullGraphType<LevelType>>("level").Resolve(context => context.Source.Level);
        Field<NonNullGraphType<ProficiencyType>>("proficiency").Resolve(context => context.Source.Proficiency);
        Field(r => r.Mandatory).Description("WORKING or above is mandatory; AWARENESS is not.");
    }
}
