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
    protected override async Task<IReadOnlyDictionary<int, RoleStats>> FetchAsync(IReadOnlyList<int> roleIds, CancellationToken cancellationToken)
    {
        var requirements = db.Requirements.Where(q => roleIds.Contains(q.RoleId));
        var cells = await requirements
            .GroupBy(q => new { q.RoleId, q.LevelId, q.Proficiency })
            .Select(g => new { g.Key.RoleId, g.Key.LevelId, g.Key.Proficiency, Count = g.Count(), Mandatory = g.Count(q => q.Mandatory) })
            .ToListAsync(cancellationToken);
        var skills = await requirements
            .GroupBy(q => new { q.RoleId, q.Skill.DomainId, DomainPosition = q.Skill.Domain.Position })
            .Select(g => new { g.Key.RoleId, g.Key.DomainId, g.Key.DomainPosition, Skills = g.Select(q => q.SkillId).Distinct().Count() })
            .ToListAsync(cancellationToken);
        var ladders = await db.RoleLevels
            .Where(rl => roleIds.Contains(rl.RoleId))
            .Select(rl => new { rl.RoleId, rl.LevelId, rl.Level.Rank })
            .ToListAsync(cancellationToken);

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
}
