using System.Linq.Expressions;
using GraphQL;
using GraphQL.DataLoader;
using GraphQLParser.AST;
using Microsoft.EntityFrameworkCore;
using SkillMatrix.BuildingBlocks.Conventions;
using SkillMatrix.BuildingBlocks.DataLoaders;
using SkillMatrix.Catalog.Data;

namespace SkillMatrix.Catalog.Matrix;

internal sealed record MatrixDomain(Domain Domain, IReadOnlyList<MatrixSkill> Skills);

/// <summary>A row of the matrix: one cell per level of the role's ladder, null where the role requires nothing.</summary>
internal sealed record MatrixSkill(Skill Skill, IReadOnlyList<Requirement?> Cells);

/// <summary>
/// Reads the matrices of the roles a request asks for in one SQL statement per <c>matrix</c> field of the
/// document: roles, their ladder, each level's cells. The cells are projected onto everything the client selected
/// below <c>matrix</c> (the domain, the skill, the cells), so nested objects are whole and nothing else is read.
/// </summary>
internal sealed class RoleMatrixLoader(CatalogDbContext db) : BatchLoader<(GraphQLField Field, int RoleId), IReadOnlyList<MatrixDomain>>
{
    // The projection of a cell, made once per matrix field of the document while its resolve context is alive.
    private readonly Dictionary<GraphQLField, Expression<Func<Requirement, CellRow>>> projections = [];

    public IDataLoaderResult<IReadOnlyList<MatrixDomain>?> Load(IResolveFieldContext<Role> context)
    {
        if (!projections.ContainsKey(context.FieldAst))
        {
            projections.Add(context.FieldAst, CellProjection(context));
        }

        return Load((context.FieldAst, context.Source.Id));
    }

    protected override async Task<IReadOnlyDictionary<(GraphQLField Field, int RoleId), IReadOnlyList<MatrixDomain>>> FetchAsync(
        IReadOnlyList<(GraphQLField Field, int RoleId)> keys, CancellationToken cancellationToken)
    {
        var matrices = new Dictionary<(GraphQLField, int), IReadOnlyList<MatrixDomain>>();
        foreach (var field in keys.GroupBy(k => k.Field))
        {
            var roleIds = field.Select(k => k.RoleId).ToArray();
            var cell = projections[field.Key];
            // Roles, then their levels, then each level's cells: a chain of joins, so every cell comes back once.
            var roles = await db.Roles.AsNoTracking()
                .Where(r => roleIds.Contains(r.Id))
                .Select(r => new
                {
                    r.Id,
                    Levels = r.Levels.OrderBy(l => l.Level.Rank).Select(l => l.Requirements.AsQueryable().Select(cell).ToList()).ToList(),
                })
                .ToListAsync(cancellationToken);
            foreach (var role in roles)
            {
                matrices[(field.Key, role.Id)] = Arrange(role.Levels);
            }

            foreach (var roleId in roleIds)
            {
                matrices.TryAdd((field.Key, roleId), []); // an unknown role has no matrix rows, not a null matrix
            }
        }

        return matrices;
    }

    // Domains and skills in page order; one column per level of the ladder.
    private static List<MatrixDomain> Arrange(List<List<CellRow>> levels)
    {
        var rows = new Dictionary<int, (CellRow First, Requirement?[] Cells)>();
        for (var column = 0; column < levels.Count; column++)
        {
            foreach (var row in levels[column])
            {
                if (!rows.TryGetValue(row.Cell.SkillId, out var entry))
                {
                    entry = (row, new Requirement?[levels.Count]);
                    rows.Add(row.Cell.SkillId, entry);
                }

                entry.Cells[column] = row.Cell;
            }
        }

        return rows.Values
            .OrderBy(r => r.First.DomainPosition).ThenBy(r => r.First.Cell.Skill.DomainId).ThenBy(r => r.First.SkillPosition).ThenBy(r => r.First.Cell.SkillId)
            .GroupBy(r => r.First.Cell.Skill.DomainId)
            .Select(domain => new MatrixDomain(domain.First().First.Cell.Skill.Domain, domain.Select(r => new MatrixSkill(r.First.Cell.Skill, r.Cells)).ToList()))
            .ToList();
    }

    // What a cell must carry: the cell as selected under `cells`, its skill as selected under `skill` (and under
    // `cells { skill }`), that skill's domain as selected under `domain`, and the positions that order the page.
    private static Expression<Func<Requirement, CellRow>> CellProjection(IResolveFieldContext context)
    {
        var matrix = Selection.Of(context);
        var skills = matrix.Below(context, "skills");
        var domain = matrix.Below(context, "domain");
        var cells = skills.Below(context, "cells");
        var skill = skills.Below(context, "skill").With(context, "domain", domain);
        var requirement = Projection.Lambda<Requirement>(context, cells.With(context, "skill", skill));

        var cell = requirement.Parameters[0];
        var skillOfCell = Expression.Property(cell, nameof(Requirement.Skill));
        return Expression.Lambda<Func<Requirement, CellRow>>(
            Expression.MemberInit(
                Expression.New(typeof(CellRow)),
                Expression.Bind(typeof(CellRow).GetProperty(nameof(CellRow.Cell))!, requirement.Body),
                Expression.Bind(typeof(CellRow).GetProperty(nameof(CellRow.SkillPosition))!, Expression.Property(skillOfCell, nameof(Skill.Position))),
                Expression.Bind(typeof(CellRow).GetProperty(nameof(CellRow.DomainPosition))!,
                    Expression.Property(Expression.Property(skillOfCell, nameof(Skill.Domain)), nameof(Domain.Position)))),
            cell);
    }

    internal sealed class CellRow
    {
        public Requirement Cell { get; set; } = null!;

        public int SkillPosition { get; set; }

        public int DomainPosition { get; set; }
    }
}
