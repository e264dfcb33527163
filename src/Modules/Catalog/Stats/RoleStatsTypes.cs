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
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<LevelStatType>>>>("byLevel").Resolve(context => context.Source.ByLevel);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<DomainStatType>>>>("byDomain").Resolve(context => context.Source.ByDomain);
    }
}

internal sealed class LevelStatType : ObjectGraphType<LevelStat>
{
    public LevelStatType()
    {
        this.LevelField("level", s => s.LevelId);
        Field(s => s.RequirementCount);
        Field(s => s.MandatoryCount);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ProficiencyCountType>>>>("byProficiency").Resolve(context => context.Source.ByProficiency);
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
