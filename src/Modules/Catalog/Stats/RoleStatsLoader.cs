using GraphQL.DataLoader;
using Platform.Data.Conventions;
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
/// Counts the matrices of every role a request asks for with SQL aggregates (GROUP BY), never by loading cells: one
/// statement whatever the number of roles, the three aggregates (cells per level and proficiency, skills per domain,
/// the ladder) joined by UNION ALL, each row tagged with the aggregate it belongs to. As three statements, EF Core's
/// per-statement work was a sixth of the CPU of a request for a role's matrix and stats. Levels and domains come by
/// key through their own loaders.
/// </summary>
/// <remarks>
/// A selection of the totals alone (<c>skillCount</c>, <c>requirementCount</c>, <c>mandatoryCount</c>) reads one
/// aggregate per role instead: the three grouped aggregates cost about three times as much in SQLite, for counts
/// nobody asked for. Those requests get a <see cref="RoleStats"/> whose other members are empty and never read.
/// </remarks>
internal sealed class RoleStatsLoader(CatalogDbContext db) : BatchLoader<(bool TotalsOnly, int RoleId), RoleStats>
{
    private static readonly HashSet<string> Totals = ["skillCount", "requirementCount", "mandatoryCount", "__typename"];

    private const int CellCount = 0;
    private const int DomainSkillCount = 1;
    private const int LadderStep = 2;

    // Compiled once per model (a compiled query belongs to the model it first ran on: SQLite's or PostgreSQL's, and a
    // test process has both): the shape never changes, so EF Core's per-query work (parameter extraction, the query and
    // command caches' lookups by expression tree) is done once.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Microsoft.EntityFrameworkCore.Metadata.IModel, Func<CatalogDbContext, int[], IAsyncEnumerable<StatRow>>> ByModel = [];

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Microsoft.EntityFrameworkCore.Metadata.IModel, Func<CatalogDbContext, int[], IAsyncEnumerable<StatRow>>> TotalsByModel = [];

    // Whether the selection holds the totals alone is found once per field of a cached document (KeptQueries).
    public IDataLoaderResult<RoleStats?> Load(IResolveFieldContext<Role> context) =>
        Load((context.KeptFor(_ => new TotalsOnly(Selection.Of(context).Fields.Keys.All(Totals.Contains))).Value, context.Source.Id));

    // One row per role that has cells: Id is its distinct skills, Count its cells, Mandatory its mandatory cells.
    private static Func<CatalogDbContext, int[], IAsyncEnumerable<StatRow>> CompileTotals() => EF.CompileAsyncQuery(
        (CatalogDbContext db, int[] roleIds) => db.Requirements
            .Where(q => roleIds.Contains(q.RoleId))
            .GroupBy(q => q.RoleId)
            .Select(g => new StatRow { Kind = CellCount, RoleId = g.Key, Id = g.Select(q => q.SkillId).Distinct().Count(), Order = 0, Count = g.Count(), Mandatory = g.Count(q => q.Mandatory) }));

    private static Func<CatalogDbContext, int[], IAsyncEnumerable<StatRow>> Compile() => EF.CompileAsyncQuery(
        (CatalogDbContext db, int[] roleIds) => db.Requirements
            .Where(q => roleIds.Contains(q.RoleId))
            .GroupBy(q => new { q.RoleId, q.LevelId, q.Proficiency })
            .Select(g => new StatRow { Kind = CellCount, RoleId = g.Key.RoleId, Id = g.Key.LevelId, Order = (int)g.Key.Proficiency, Count = g.Count(), Mandatory = g.Count(q => q.Mandatory) })
            .Concat(db.Requirements
                .Where(q => roleIds.Contains(q.RoleId))
                .GroupBy(q => new { q.RoleId, q.Skill.DomainId, DomainPosition = q.Skill.Domain.Position })
                .Select(g => new StatRow { Kind = DomainSkillCount, RoleId = g.Key.RoleId, Id = g.Key.DomainId, Order = g.Key.DomainPosition, Count = g.Select(q => q.SkillId).Distinct().Count(), Mandatory = 0 }))
            .Concat(db.RoleLevels
                .Where(rl => roleIds.Contains(rl.RoleId))
                .Select(rl => new StatRow { Kind = LadderStep, RoleId = rl.RoleId, Id = rl.LevelId, Order = rl.Level.Rank, Count = 0, Mandatory = 0 })));

    protected override async Task<IReadOnlyDictionary<(bool TotalsOnly, int RoleId), RoleStats>> FetchAsync(
        IReadOnlyList<(bool TotalsOnly, int RoleId)> keys, CancellationToken cancellationToken)
    {
        var stats = new Dictionary<(bool, int), RoleStats>();
        var totalsOf = keys.Where(k => k.TotalsOnly).Select(k => k.RoleId).ToArray();
        if (totalsOf.Length > 0)
        {
            var totals = await TotalsByModel.GetValue(db.Model, _ => CompileTotals())(db, totalsOf)
                .ToDictionaryAsync(r => r.RoleId, cancellationToken: cancellationToken);
            foreach (var roleId in totalsOf)
            {
                var row = totals.GetValueOrDefault(roleId);
                stats[(true, roleId)] = new RoleStats(SkillCount: row?.Id ?? 0, DomainCount: 0, LevelCount: 0,
                    RequirementCount: row?.Count ?? 0, MandatoryCount: row?.Mandatory ?? 0, ByLevel: [], ByDomain: []);
            }
        }

        var fullOf = keys.Where(k => !k.TotalsOnly).Select(k => k.RoleId).ToArray();
        if (fullOf.Length > 0)
        {
            foreach (var (roleId, full) in await FullAsync(fullOf, cancellationToken))
            {
                stats[(false, roleId)] = full;
            }
        }

        return stats;
    }

    private async Task<Dictionary<int, RoleStats>> FullAsync(int[] roleIds, CancellationToken cancellationToken)
    {
        var rows = await ByModel.GetValue(db.Model, _ => Compile())(db, roleIds).ToListAsync(cancellationToken);
        // Each role's rows of each aggregate, found once rather than by a scan of all rows per role and level.
        var cells = rows.Where(r => r.Kind == CellCount).ToLookup(r => (r.RoleId, r.Id));
        var skills = rows.Where(r => r.Kind == DomainSkillCount).ToLookup(r => r.RoleId);
        var ladders = rows.Where(r => r.Kind == LadderStep).ToLookup(r => r.RoleId);

        return roleIds.ToDictionary(roleId => roleId, roleId =>
        {
            var byLevel = ladders[roleId].OrderBy(l => l.Order).Select(level =>
            {
                var atLevel = cells[(roleId, level.Id)].OrderBy(c => c.Order).ToList();
                return new LevelStat(level.Id, atLevel.Sum(c => c.Count), atLevel.Sum(c => c.Mandatory),
                    atLevel.Select(c => new ProficiencyCount((Proficiency)c.Order, c.Count)).ToList());
            }).ToList();
            var byDomain = skills[roleId].OrderBy(s => s.Order).ThenBy(s => s.Id)
                .Select(s => new DomainStat(s.Id, s.Count)).ToList();
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

    private sealed record TotalsOnly(bool Value);

    /// <summary>
    /// A row of one of the three aggregates, told apart by <see cref="Kind"/>: a cell count (level, proficiency, cells,
    /// mandatory cells), a domain's skill count (domain, position, skills), or a step of the ladder (level, rank).
    /// </summary>
    private sealed class StatRow
    {
        public int Kind { get; init; }

        public int RoleId { get; init; }

        public int Id { get; init; }

        public int Order { get; init; }

        public int Count { get; init; }

        public int Mandatory { get; init; }
    }
}
