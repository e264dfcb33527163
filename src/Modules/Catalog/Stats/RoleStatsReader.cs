using Microsoft.EntityFrameworkCore;
using SkillMatrix.Catalog.Contracts;
using SkillMatrix.Catalog.Data;

namespace SkillMatrix.Catalog.Stats;

/// <summary>The parent of <c>Role.stats</c>: only the role's key, so that the figures are read when selected.</summary>
internal sealed record RoleStatsSource(int RoleId);

internal sealed record RoleStats(int SkillCount, int DomainCount, int LevelCount, int RequirementCount, int MandatoryCount,
    IReadOnlyList<LevelStat> ByLevel, IReadOnlyList<DomainStat> ByDomain);

internal sealed record LevelStat(Level Level, int RequirementCount, int MandatoryCount, IReadOnlyList<ProficiencyCount> ByProficiency);

internal sealed record DomainStat(Domain Domain, int SkillCount);

internal sealed record ProficiencyCount(Proficiency Proficiency, int Count);

/// <summary>
/// Counts a role's matrix with SQL aggregates (GROUP BY), never by loading its cells. Cached per request, so
/// that the fields of one <c>stats</c> selection share one reading.
/// </summary>
internal sealed class RoleStatsReader(CatalogDbContext db)
{
    private readonly Dictionary<int, Task<RoleStats>> read = [];

    public Task<RoleStats> ReadAsync(int roleId, CancellationToken cancellationToken)
    {
        if (!read.TryGetValue(roleId, out var stats))
        {
            stats = CountAsync(roleId, cancellationToken);
            read.Add(roleId, stats);
        }

        return stats;
    }

    private async Task<RoleStats> CountAsync(int roleId, CancellationToken cancellationToken)
    {
        var requirements = db.Requirements.Where(q => q.RoleId == roleId);
        var byLevelAndProficiency = await requirements
            .GroupBy(q => new { q.LevelId, q.Proficiency })
            .Select(g => new { g.Key.LevelId, g.Key.Proficiency, Count = g.Count(), Mandatory = g.Count(q => q.Mandatory) })
            .ToListAsync(cancellationToken);
        var skillsByDomain = await requirements
            .GroupBy(q => q.Skill.DomainId)
            .Select(g => new { DomainId = g.Key, Skills = g.Select(q => q.SkillId).Distinct().Count() })
            .ToListAsync(cancellationToken);
        var levels = await db.Levels.AsNoTracking()
            .Where(l => db.RoleLevels.Any(rl => rl.RoleId == roleId && rl.LevelId == l.Id) || requirements.Any(q => q.LevelId == l.Id))
            .OrderBy(l => l.Rank)
            .ToListAsync(cancellationToken);
        var domainIds = skillsByDomain.Select(d => d.DomainId).ToArray();
        var domains = await db.Domains.AsNoTracking().Where(d => domainIds.Contains(d.Id)).ToDictionaryAsync(d => d.Id, cancellationToken);

        var byLevel = levels.Select(level =>
        {
            var cells = byLevelAndProficiency.Where(c => c.LevelId == level.Id).ToList();
            return new LevelStat(level, cells.Sum(c => c.Count), cells.Sum(c => c.Mandatory),
                cells.OrderBy(c => c.Proficiency).Select(c => new ProficiencyCount(c.Proficiency, c.Count)).ToList());
        }).ToList();
        var byDomain = skillsByDomain
            .Select(d => new DomainStat(domains[d.DomainId], d.Skills))
            .OrderBy(d => d.Domain.Position).ThenBy(d => d.Domain.Id)
            .ToList();

        return new RoleStats(
            SkillCount: byDomain.Sum(d => d.SkillCount),
            DomainCount: byDomain.Count,
            LevelCount: levels.Count,
            RequirementCount: byLevel.Sum(l => l.RequirementCount),
            MandatoryCount: byLevel.Sum(l => l.MandatoryCount),
            ByLevel: byLevel,
            ByDomain: byDomain);
    }
}
