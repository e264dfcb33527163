using SkillMatrix.Catalog.Contracts;

namespace SkillMatrix.Catalog.Levels;

internal sealed class ProficiencyType : EnumerationGraphType<Proficiency>
{
    public ProficiencyType()
    {
        Description = "How well a skill is held, from AWARENESS up to EXPERT.";
    }
}
