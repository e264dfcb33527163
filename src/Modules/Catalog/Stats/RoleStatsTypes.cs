using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using SkillMatrix.Catalog.Domains;
using SkillMatrix.Catalog.Levels;

namespace SkillMatrix.Catalog.Stats;

internal sealed class RoleStatsType : ObjectGraphType<RoleStatsSource>
{
    public RoleStatsType()
    {
        Name = "RoleStats";
        Description = "Counts of a role's matrix.";
        Count("skillCount", "Skills the role requires at any level.", s => s.SkillCount);
        Count("domainCount", "Domains those skills belong to.", s => s.DomainCount);
        Count("levelCount", "Levels of the role's ladder.", s => s.LevelCount);
        Count("requirementCount", "Cells of the matrix.", s => s.RequirementCount);
        Count("mandatoryCount", "Cells that are mandatory (WORKING or above).", s => s.MandatoryCount);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<LevelStatType>>>>("byLevel")
            .ResolveAsync(async context => (await Read(context)).ByLevel);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<DomainStatType>>>>("byDomain")
            .ResolveAsync(async context => (await Read(context)).ByDomain);
    }

    private void Count(string name, string description, Func<RoleStats, int> count) =>
        Field<NonNullGraphType<IntGraphType>>(name).Description(description).ResolveAsync(async context => count(await Read(context)));

    private static Task<RoleStats> Read(IResolveFieldContext<RoleStatsSource> context) =>
        context.RequestServices!.GetRequiredService<RoleStatsReader>().ReadAsync(context.Source.RoleId, context.CancellationToken);
}

internal sealed class LevelStatType : ObjectGraphType<LevelStat>
{
    public LevelStatType()
    {
        Name = "LevelStat";
        Field<NonNullGraphType<LevelType>>("level").Resolve(context => context.Source.Level);
        Field(s => s.RequirementCount);
        Field(s => s.MandatoryCount);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ProficiencyCountType>>>>("byProficiency").Resolve(context => context.Source.ByProficiency);
    }
}

internal sealed class DomainStatType : ObjectGraphType<DomainStat>
{
    public DomainStatType()
    {
        Name = "DomainStat";
        Field<NonNullGraphType<DomainType>>("domain").Resolve(context => context.Source.Domain);
        Field(s => s.SkillCount);
    }
}

internal sealed class ProficiencyCountType : ObjectGraphType<ProficiencyCount>
{
    public ProficiencyCountType()
    {
        Name = "ProficiencyCount";
        Field<NonNullGraphType<ProficiencyType>>("proficiency").Resolve(context => context.Source.Proficiency);
        Field(s => s.Count);
    }
}
