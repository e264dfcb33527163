using Platform.Data.DataLoaders;
using SkillMatrix.Catalog.Contracts;
using SkillMatrix.Catalog.Data;

namespace SkillMatrix.Catalog.Stats;

internal sealed record RoleStats(int SkillCount, int DomainCount, int LevelCount, int RequirementCount, int MandatoryCount,
    IReadOnlyList<LevelStat> ByLevel, IReadOnlyList<DomainStat> ByDomain);

internal sealed record LevelStat(int LevelId, int RequirementCount, int MandatoryCount, IReadOnlyList<ProficiencyCount> ByProficiency);

internal sealed record DomainStat(int DomainId, int SkillCount);

internal sealed record ProficiencyCount(Proficiency Proficiency, int Count);

/// <summary>
/// Counts the matrices of every role a request asks for with SQL aggregates (GROUP BY), never by loading cells:
/// three statements whatever the number of roles. Levels and domains come by key through their own loaders.
/// </summary>
internal sealed class RoleStatsLoader(CatalogDbContext db) : BatchLoader<int, RoleStats>
{
    // Compiled once per model (a compiled query belongs to the model it first ran on: SQLite's or PostgreSQL's, and a
    // test process has both): the shapes never change, so EF Core's per-query work (parameter extraction, the query and
    // command caches' lookups by expression tree) is done once instead of three times per request.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Microsoft.EntityFrameworkCore.Metadata.IModel, Statements> ByModel = [];

    private sealed class Statements
    {
        public readonly Func<CatalogDbContext, int[], IAsyncEnumerable<CellCount>> CellCounts = EF.CompileAsyncQuery(
            (CatalogDbContext db, int[] roleIds) => db.Requirements
                .Where(q => roleIds.Contains(q.RoleId))
                .GroupBy(q => new { q.RoleId, q.LevelId, q.Proficiency })
                .Select(g => new CellCount(g.Key.RoleId, g.Key.LevelId, g.Key.Proficiency, g.Count(), g.Count(q => q.Mandatory))));

        public readonly Func<CatalogDbContext, int[], IAsyncEnumerable<DomainSkillCount>> DomainSkillCounts = EF.CompileAsyncQuery(
            (CatalogDbContext db, int[] roleIds) => db.Requirements
                .Where(q => roleIds.Contains(q.RoleId))
                .GroupBy(q => new { q.RoleId, q.Skill.DomainId, DomainPosition = q.Skill.Domain.Position })
                .Select(g => new DomainSkillCount(g.Key.RoleId, g.Key.DomainId, g.Key.DomainPosition, g.Select(q => q.SkillId).Distinct().Count())));

        public readonly Func<CatalogDbContext, int[], IAsyncEnumerable<LadderStep>> Ladders = EF.CompileAsyncQuery(
            (CatalogDbContext db, int[] roleIds) => db.RoleLevels
                .Where(rl => roleIds.Contains(rl.RoleId))
                .Select(rl => new LadderStep(rl.RoleId, rl.LevelId, rl.Level.Rank)));
    }

    protected override async Task<IReadOnlyDictionary<int, RoleStats>> FetchAsync(IReadOnlyList<int> roleIds, CancellationToken cancellationToken)
    {
        var ids = roleIds.ToArray();
        var statements = ByModel.GetValue(db.Model, _ => new Statements());
        var cells = await statements.CellCounts(db, ids).ToListAsync(cancellationToken);
        var skills = await statements.DomainSkillCounts(db, ids).ToListAsync(cancellationToken);
        var ladders = await statements.Ladders(db, ids).ToListAsync(cancellationToken);

        return roleIds.ToDictionary(roleId => roleId, roleId =>
        {
            var byLevel = ladders.Where(l => l.RoleId == roleId).OrderBy(l => l.Rank).Select(level =>
            {
                var atLevel = cells.Where(c => c.RoleId == roleId && c.LevelId == level.LevelId).OrderBy(c => c.Proficiency).ToList();
                return new LevelStat(level.LevelId, atLevel.Sum(c => c.Count), atLevel.Sum(c => c.Mandatory),
                    atLevel.Select(c => new ProficiencyCount(c.Proficiency, c.Count)).ToList());
            }).ToList();
            var byDomain = skills.Where(s => s.RoleId == roleId).OrderBy(s => s.DomainPosition).ThenBy(s => s.DomainId)
                .Select(s => new DomainStat(s.DomainId, s.Skills)).ToList();
            return new RoleStats(
                SkillCount: byDomain.Sum(d => d.SkillCount),
                DomainCount: byDomain.Count,
                LevelCount: byLevel.Count,
                RequirementCount: byLevel.Sum(l => l.RequirementCount),
                MandatoryCount: byLevel.Sum(l => l.MandatoryCount),
                ByLevel: byLevel,
                ByDomain: byDomain);
        });
    }

    private sealed record CellCount(int RoleId, int LevelId, Proficiency Proficiency, int Count, int Mandatory);

    private sealed record DomainSkillCount(int RoleId, int DomainId, int DomainPosition, int Skills);

    private sealed record LadderStep(int RoleId, int LevelId, int Rank);
}
