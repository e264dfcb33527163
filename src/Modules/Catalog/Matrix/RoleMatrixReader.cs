using Microsoft.EntityFrameworkCore;
using SkillMatrix.Catalog.Data;

namespace SkillMatrix.Catalog.Matrix;

internal sealed record MatrixDomain(Domain Domain, IReadOnlyList<MatrixSkill> Skills);

/// <summary>A row of the matrix: one cell per ladder level, null where the role requires nothing.</summary>
internal sealed record MatrixSkill(Skill Skill, IReadOnlyList<Requirement?> Cells);

/// <summary>Reads a role's matrix in one SQL statement: the ladder, each level with the role's cells at it.</summary>
internal sealed class RoleMatrixReader(CatalogDbContext db)
{
    public async Task<IReadOnlyList<MatrixDomain>> ReadAsync(int roleId, CancellationToken cancellationToken)
    {
        // Starting from the ladder keeps levels that hold no cell, and a correlated list per level is a join,
        // not a cartesian product: every cell comes back once.
        var ladder = await db.Levels.AsNoTracking()
            .OrderBy(l => l.Rank)
            .Select(l => new
            {
                Level = l,
                Cells = db.Requirements.Where(q => q.RoleId == roleId && q.LevelId == l.Id)
                    .Select(q => new { Requirement = q, q.Skill, q.Skill.Domain, q.Role, q.Role.Family })
                    .ToList(),
            })
            .ToListAsync(cancellationToken);

        var rows = new Dictionary<int, (Skill Skill, Requirement?[] Cells)>();
        for (var column = 0; column < ladder.Count; column++)
        {
            foreach (var cell in ladder[column].Cells)
            {
                var requirement = cell.Requirement;
                requirement.Level = ladder[column].Level;
                requirement.Role = cell.Role;
                requirement.Role.Family = cell.Family;
                if (!rows.TryGetValue(requirement.SkillId, out var row))
                {
                    cell.Skill.Domain = cell.Domain;
                    row = (cell.Skill, new Requirement?[ladder.Count]);
                    rows.Add(requirement.SkillId, row);
                }

                requirement.Skill = row.Skill;
                row.Cells[column] = requirement;
            }
        }

        return rows.Values
            .GroupBy(r => r.Skill.DomainId)
            .Select(g => new MatrixDomain(
                g.First().Skill.Domain,
                g.OrderBy(r => r.Skill.Position).ThenBy(r => r.Skill.Id).Select(r => new MatrixSkill(r.Skill, r.Cells)).ToList()))
            .OrderBy(d => d.Domain.Position).ThenBy(d => d.Domain.Id)
            .ToList();
    }
}
