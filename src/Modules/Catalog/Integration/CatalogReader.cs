using SkillMatrix.Catalog.Contracts;
using SkillMatrix.Catalog.Data;
using SkillMatrix.Catalog.Matrix;

namespace SkillMatrix.Catalog.Integration;

internal sealed class CatalogReader(CatalogDbContext db) : ICatalogReader
{
    public Task<RoleReference?> FindRoleAsync(string slug, CancellationToken cancellationToken = default) =>
        db.Roles.AsNoTracking().Where(r => r.Slug == slug)
            .Select(r => new RoleReference(r.Id, r.Slug, r.Name, r.Version))
            .FirstOrDefaultAsync(cancellationToken);

    public Task<SkillReference?> FindSkillAsync(string slug, CancellationToken cancellationToken = default) =>
        db.Skills.AsNoTracking().Where(s => s.Slug == slug)
            .Select(s => new SkillReference(s.Id, s.Slug, s.Name, new DomainReference(s.Domain.Id, s.Domain.Slug, s.Domain.Name)))
            .FirstOrDefaultAsync(cancellationToken);

    public async Task<IReadOnlyList<SkillReference>> FindSkillsAsync(IReadOnlyCollection<string> slugs, CancellationToken cancellationToken = default) =>
        await db.Skills.AsNoTracking().Where(s => slugs.Contains(s.Slug))
            .Select(s => new SkillReference(s.Id, s.Slug, s.Name, new DomainReference(s.Domain.Id, s.Domain.Slug, s.Domain.Name)))
            .ToListAsync(cancellationToken);

    public Task<DomainReference?> FindDomainAsync(string slug, CancellationToken cancellationToken = default) =>
        db.Domains.AsNoTracking().Where(d => d.Slug == slug)
            .Select(d => new DomainReference(d.Id, d.Slug, d.Name))
            .FirstOrDefaultAsync(cancellationToken);

    public Task<LevelReference?> FindLevelAsync(string key, CancellationToken cancellationToken = default) =>
        db.Levels.AsNoTracking().Where(l => l.Key == key)
            .Select(l => new LevelReference(l.Id, l.Key, l.Name, l.Rank))
            .FirstOrDefaultAsync(cancellationToken);

    public Task<CellValue?> FindCellAsync(int roleId, int skillId, int levelId, CancellationToken cancellationToken = default) =>
        db.Requirements.AsNoTracking().Where(q => q.RoleId == roleId && q.SkillId == skillId && q.LevelId == levelId)
            .Select(q => new CellValue(q.Proficiency, q.Mandatory))
            .FirstOrDefaultAsync(cancellationToken);

    public async Task<RoleMatrix?> GetMatrixAsync(int roleId, CancellationToken cancellationToken = default)
    {
        var role = await db.Roles.AsNoTracking().Where(r => r.Id == roleId)
            .Select(r => new
            {
                Reference = new RoleReference(r.Id, r.Slug, r.Name, r.Version),
                Ladder = r.Levels.OrderBy(l => l.Level.Rank).Select(l => new LevelReference(l.Level.Id, l.Level.Key, l.Level.Name, l.Level.Rank)).ToList(),
            })
            .FirstOrDefaultAsync(cancellationToken);
        if (role is null)
        {
            return null;
        }

        var cells = await db.Requirements.AsNoTracking().Where(q => q.RoleId == roleId)
            .InPageOrder()
            .Select(q => new MatrixCell(q.SkillId, q.Skill.Slug, q.Skill.Name, q.Skill.Domain.Name, q.LevelId, q.Proficiency, q.Mandatory))
            .ToListAsync(cancellationToken);
        return new RoleMatrix(role.Reference, role.Ladder, cells);
    }

    public async Task<RolePage?> FindRolePageAsync(string slug, CancellationToken cancellationToken = default)
    {
        var role = await db.Roles.AsNoTracking().Where(r => r.Slug == slug)
            .Select(r => new
            {
                r.Id,
                r.Slug,
                r.Name,
                Family = r.Family.Name,
                r.Summary,
                r.Version,
                Levels = r.Levels.OrderBy(l => l.Level.Rank)
                    .Select(l => new { l.Level.Key, l.Level.Name, l.Level.Rank, l.Focus, l.TechStack })
                    .ToList(),
            })
            .FirstOrDefaultAsync(cancellationToken);
        return role is null
            ? null
            : new RolePage(role.Id, role.Slug, role.Name, role.Family, role.Summary, role.Version,
                role.Levels.Select(l => new RolePageLevel(l.Key, l.Name, l.Rank, l.Focus, l.TechStack)).ToList());
    }

    public IAsyncEnumerable<PageCell> ReadPageCellsAsync(int roleId) =>
        db.Requirements.AsNoTracking().Where(q => q.RoleId == roleId)
            .InPageOrder()
            .Select(q => new PageCell(q.Skill.DomainId, q.Skill.Domain.Name, q.SkillId, q.Skill.Name, q.Level.Key, q.Level.Rank, q.Proficiency, q.Mandatory))
            .AsAsyncEnumerable();
}
