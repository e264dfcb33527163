using System.Linq.Expressions;
using GraphQL.DataLoader;
using GraphQLParser.AST;
using Platform.Data.DataLoaders;
using SkillMatrix.Catalog.Data;

namespace SkillMatrix.Catalog.Matrix;

internal sealed record MatrixDomain(Domain Domain, IReadOnlyList<MatrixSkill> Skills);

/// <summary>A row of the matrix: one cell per level of the role's ladder, null where the role requires nothing.</summary>
internal sealed record MatrixSkill(Skill Skill, IReadOnlyList<Requirement?> Cells);

/// <summary>
/// Reads the matrices of the roles a request asks for in one SQL statement per <c>matrix</c> field of the
/// document: the roles' ladders joined with their cells. The cells are projected onto everything the client selected
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
            // One flat statement: each level of the roles' ladders LEFT JOIN its cells (and their skills and domains).
            // A flat join lets SQLite seek by the roles' keys; nesting the cells as a subquery made it read every
            // requirement of the catalog first (85 ms for one role of a 38,000-cell catalog, against 2 ms).
            var rows = await db.RoleLevels.AsNoTracking()
                .Where(l => roleIds.Contains(l.RoleId))
                .SelectMany(l => l.Requirements.DefaultIfEmpty(), LadderRowOf(projections[field.Key]))
                .ToListAsync(cancellationToken);
            foreach (var (roleId, ladder) in ByRole(rows))
            {
                matrices[(field.Key, roleId)] = Arrange(ladder);
            }

            foreach (var roleId in roleIds)
            {
                matrices.TryAdd((field.Key, roleId), []); // an unknown role has no matrix rows, not a null matrix
            }
        }

        return matrices;
    }

    // The statement's rows by role, in the order the roles first appear. Plain loops, not LINQ's GroupBy: a page of
    // roles is thousands of rows, and this runs on every request that selects a matrix.
    private static Dictionary<int, List<LadderRow>> ByRole(List<LadderRow> rows)
    {
        var byRole = new Dictionary<int, List<LadderRow>>();
        foreach (var row in rows)
        {
            if (!byRole.TryGetValue(row.RoleId, out var ladder))
            {
                byRole.Add(row.RoleId, ladder = []);
            }

            ladder.Add(row);
        }

        return byRole;
    }

    // Domains and skills in page order; one column per level of the ladder, in rank order.
    private static List<MatrixDomain> Arrange(List<LadderRow> ladder)
    {
        var columns = new List<(int Rank, int LevelId)>();
        foreach (var row in ladder)
        {
            if (!columns.Contains((row.Rank, row.LevelId)))
            {
                columns.Add((row.Rank, row.LevelId));
            }
        }

        columns.Sort();
        var skills = new Dictionary<int, (CellRow First, Requirement?[] Cells)>();
        foreach (var row in ladder)
        {
            if (row.Cell is not { } cell)
            {
                continue; // a level of the ladder without cells: a column of nulls
            }

            if (!skills.TryGetValue(cell.SkillId, out var entry))
            {
                entry = (cell, new Requirement?[columns.Count]);
                skills.Add(cell.SkillId, entry);
            }

            entry.Cells[columns.IndexOf((row.Rank, row.LevelId))] = cell.Cell;
        }

        var ordered = skills.Values.ToArray();
        Array.Sort(ordered, static (a, b) =>
        {
            var order = a.First.DomainPosition.CompareTo(b.First.DomainPosition);
            if (order == 0) order = a.First.DomainId.CompareTo(b.First.DomainId);
            if (order == 0) order = a.First.SkillPosition.CompareTo(b.First.SkillPosition);
            return order != 0 ? order : a.First.SkillId.CompareTo(b.First.SkillId);
        });

        var domains = new List<MatrixDomain>();
        List<MatrixSkill>? rowsOfDomain = null;
        for (var i = 0; i < ordered.Length; i++)
        {
            var (first, cells) = ordered[i];
            if (i == 0 || first.DomainId != ordered[i - 1].First.DomainId)
            {
                rowsOfDomain = [];
                domains.Add(new MatrixDomain(first.Cell.Skill.Domain, rowsOfDomain));
            }

            rowsOfDomain!.Add(new MatrixSkill(first.Cell.Skill, cells));
        }

        return domains;
    }

    // (level, cell) => a row of the ladder, with the projected cell, or none where the level holds no cell.
    private static Expression<Func<RoleLevel, Requirement?, LadderRow>> LadderRowOf(Expression<Func<Requirement, CellRow>> cell)
    {
        var level = Expression.Parameter(typeof(RoleLevel), "level");
        var requirement = cell.Parameters[0];
        return Expression.Lambda<Func<RoleLevel, Requirement?, LadderRow>>(
            Expression.MemberInit(
                Expression.New(typeof(LadderRow)),
                Expression.Bind(typeof(LadderRow).GetProperty(nameof(LadderRow.RoleId))!, Expression.Property(level, nameof(RoleLevel.RoleId))),
                Expression.Bind(typeof(LadderRow).GetProperty(nameof(LadderRow.LevelId))!, Expression.Property(level, nameof(RoleLevel.LevelId))),
                Expression.Bind(typeof(LadderRow).GetProperty(nameof(LadderRow.Rank))!,
                    Expression.Property(Expression.Property(level, nameof(RoleLevel.Level)), nameof(Level.Rank))),
                Expression.Bind(typeof(LadderRow).GetProperty(nameof(LadderRow.Cell))!,
                    Expression.Condition(Expression.Equal(requirement, Expression.Constant(null, typeof(Requirement))),
                        Expression.Constant(null, typeof(CellRow)), cell.Body))),
            level, requirement);
    }

    // What a cell must carry: the cell as selected under `cells`, its skill as selected under `skill` (and under
    // `cells { skill }`), that skill's domain as selected under `domain`, and the keys and positions that arrange and
    // order the page (the projection reads keys only where a selected field needs them).
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
                Expression.Bind(typeof(CellRow).GetProperty(nameof(CellRow.SkillId))!, Expression.Property(cell, nameof(Requirement.SkillId))),
                Expression.Bind(typeof(CellRow).GetProperty(nameof(CellRow.DomainId))!, Expression.Property(skillOfCell, nameof(Skill.DomainId))),
                Expression.Bind(typeof(CellRow).GetProperty(nameof(CellRow.SkillPosition))!, Expression.Property(skillOfCell, nameof(Skill.Position))),
                Expression.Bind(typeof(CellRow).GetProperty(nameof(CellRow.DomainPosition))!,
                    Expression.Property(Expression.Property(skillOfCell, nameof(Skill.Domain)), nameof(Domain.Position)))),
            cell);
    }

    internal sealed class LadderRow
    {
        public int RoleId { get; set; }

        public int LevelId { get; set; }

        public int Rank { get; set; }

        public CellRow? Cell { get; set; }
    }

    internal sealed class CellRow
    {
        public Requirement Cell { get; set; } = null!;

        public int SkillId { get; set; }

        public int DomainId { get; set; }

        public int SkillPosition { get; set; }

        public int DomainPosition { get; set; }
    }
}
