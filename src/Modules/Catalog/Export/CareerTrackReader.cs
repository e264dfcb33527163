using Microsoft.EntityFrameworkCore;
using SkillMatrix.Catalog.Contracts;
using SkillMatrix.Catalog.Data;
using SkillMatrix.Catalog.Matrix;

namespace SkillMatrix.Catalog.Export;

/// <summary>A role as the career track shows it: its heading and its ladder, in rank order.</summary>
internal sealed record CareerTrackRole(int Id, string Slug, string Name, string Family, string? Summary, int Version, IReadOnlyList<CareerTrackLevel> Levels);

internal sealed record CareerTrackLevel(string Key, string Name, int Rank, string? Focus, IReadOnlyList<string> TechStack);

/// <summary>One requirement, flattened with the names of its domain, skill and level.</summary>
internal sealed record CareerTrackCell(
    int DomainId, string Domain, int SkillId, string Skill, string LevelKey, int LevelRank, Proficiency Proficiency, bool Mandatory);

/// <summary>The export's two statements: the role with its ladder, and its cells in page order.</summary>
internal sealed class CareerTrackReader(CatalogDbContext db)
{
    public async Task<CareerTrackRole?> FindRoleAsync(string slug, CancellationToken cancellationToken)
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
            : new CareerTrackRole(role.Id, role.Slug, role.Name, role.Family, role.Summary, role.Version,
                role.Levels.Select(l => new CareerTrackLevel(l.Key, l.Name, l.Rank, l.Focus, l.TechStack)).ToList());
    }

    /// <summary>
    /// The page's order: domains by position, skills by position within them, levels by rank (ids break ties, so the
    /// order is total). Not materialized: the CSV streams it row by row.
    /// </summary>
    public IAsyncEnumerable<CareerTrackCell> Cells(int roleId) =>
        db.Requirements.AsNoTracking().Where(q => q.RoleId == roleId)
            .InPageOrder()
            .Select(q => new CareerTrackCell(q.Skill.DomainId, q.Skill.Domain.Name, q.SkillId, q.Skill.Name, q.Level.Key, q.Level.Rank, q.Proficiency, q.Mandatory))
            .AsAsyncEnumerable();
}
