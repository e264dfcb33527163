using SkillMatrix.Catalog.Contracts;

namespace SkillMatrix.Catalog.Stats;

internal sealed class RoleStatsType : ObjectGraphType<RoleStats>
{
    public RoleStatsType()
    {
        Description = "Counts of a role's matrix.";
        Field(s => s.SkillCount).Description("Skills the role requires at any level.");
        Field(s => s.DomainCount).Description("Domains those skills belong to.");
        Field(s => s.LevelCount).Description("Levels of the role's ladder.");
        Field(s => s.RequirementCount).Description("Cells of the matrix.");
        Field(s => s.MandatoryCount).Description("Cells that are mandatory (WORKING or above).");
        Field(r => r.ByLevel, typeof(NonNullGraphType<ListGraphType<NonNullGraphType<LevelStatType>>>));
        Field(r => r.ByDomain, typeof(NonNullGraphType<ListGraphType<NonNullGraphType<DomainStatType>>>));
    }
}

internal sealed class LevelStatType : ObjectGraphType<LevelStat>
{
    public LevelStatType()
    {
        this.LevelField("level", s => s.LevelId);
        Field(s => s.RequirementCount);
        Field(s => s.MandatoryCount);
        Field(l => l.ByProficiency, typeof(NonNullGraphType<ListGraphType<NonNullGraphType<ProficiencyCountType>>>));
    }
}

internal sealed class DomainStatType : ObjectGraphType<DomainStat>
{
    public DomainStatType()
    {
        this.DomainField("domain", s => s.DomainId);
        Field(s => s.SkillCount);
    }
}

internal sealed class ProficiencyCountType : ObjectGraphType<ProficiencyCount>
{
    public ProficiencyCountType()
    {
        this.ProficiencyField("proficiency", c => c.Proficiency);
        Field(s => s.Count);
    }
}
