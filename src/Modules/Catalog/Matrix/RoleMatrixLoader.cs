using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore.Metadata;
using GraphQL.DataLoader;
using GraphQLParser.AST;
using Platform.Data.DataLoaders;
using SkillMatrix.Catalog.Data;

namespace SkillMatrix.Catalog.Matrix;

internal sealed record MatrixDomain(Domain Domain, IReadOnlyList<MatrixSkill> Skills);

/// <summary>A row of the matrix: one cell per level of the role's ladder, null where the role requires nothing.</summary>
internal sealed record MatrixSkill(Skill Skill, IReadOnlyList<Requirement?> Cells);

/// <summary>
/// Reads the matrices of the roles a request asks for in two SQL statements per <c>matrix</c> field of the document:
/// the roles' ladders joined with their cells, and the skills those cells name (with their domains). Each is projected
/// onto what the client selected below <c>matrix</c>, so nested objects are whole and nothing else is read.
/// </summary>
/// <remarks>
/// Why two statements, not one join: a role's skill (and its domain) is the same for each of its five cells, and a
/// join repeats its columns on every cell's row. Through Microsoft.Data.Sqlite a value read costs tens of nanoseconds
/// (a P/Invoke, a handle's reference count, a string decoded), so the one join read 13 columns of 357 rows for one
/// role (about 1 ms); the ladder's cells alone and the 74 skills once are a third of that.
/// </remarks>
internal sealed class RoleMatrixLoader(CatalogDbContext db) : BatchLoader<(GraphQLField Field, int RoleId), IReadOnlyList<MatrixDomain>>
{
    // A selection that is the same on every execution of its document keeps its plan with the document's field: its
    // projections made and its two statements compiled by EF Core once, so a request neither builds the projections
    // again nor has EF Core take their expression trees apart to find its cached query.
    private static readonly ConditionalWeakTable<GraphQLField, Plan> Kept = [];

    // The plans of this request's matrix fields, made while their resolve context is alive.
    private readonly Dictionary<GraphQLField, Plan> plans = [];

    public IDataLoaderResult<IReadOnlyList<MatrixDomain>?> Load(IResolveFieldContext<Role> context)
    {
        if (!plans.ContainsKey(context.FieldAst))
        {
            plans.Add(context.FieldAst, PlanFor(context));
        }

        return Load((context.FieldAst, context.Source.Id));
    }

    private Plan PlanFor(IResolveFieldContext context)
    {
        // A compiled query belongs to the model it was compiled for (a test process has SQLite's and PostgreSQL's).
        if (Kept.TryGetValue(context.FieldAst, out var kept) && kept.Model == db.Model)
        {
            return kept;
        }

        var plan = new Plan(CellsQuery(CellProjection(context)), SkillsQuery(SkillProjection(context)));
        if (Selection.IsSameOnEveryExecution(context.FieldAst.SelectionSet))
        {
            plan = plan with
            {
                Model = db.Model,
                CompiledCells = EF.CompileAsyncQuery(plan.Cells),
                CompiledSkills = EF.CompileAsyncQuery(plan.Skills),
            };
            Kept.AddOrUpdate(context.FieldAst, plan);
        }

        return plan;
    }

    protected override async Task<IReadOnlyDictionary<(GraphQLField Field, int RoleId), IReadOnlyList<MatrixDomain>>> FetchAsync(
        IReadOnlyList<(GraphQLField Field, int RoleId)> keys, CancellationToken cancellationToken)
    {
        var matrices = new Dictionary<(GraphQLField, int), IReadOnlyList<MatrixDomain>>();
        foreach (var field in keys.GroupBy(k => k.Field))
        {
            var roleIds = field.Select(k => k.RoleId).ToArray();
            var plan = plans[field.Key];
            var rows = await (plan.CompiledCells?.Invoke(db, roleIds) ?? KeptQueries.Bind(plan.Cells, db, roleIds).AsAsyncEnumerable())
                .ToListAsync(cancellationToken);
            var skills = await (plan.CompiledSkills?.Invoke(db, roleIds) ?? KeptQueries.Bind(plan.Skills, db, roleIds).AsAsyncEnumerable())
                .ToDictionaryAsync(s => s.Id, cancellationToken: cancellationToken);

            foreach (var (roleId, ladder) in ByRole(rows))
            {
                matrices[(field.Key, roleId)] = Arrange(ladder, skills);
            }

            foreach (var roleId in roleIds)
            {
                matrices.TryAdd((field.Key, roleId), []); // an unknown role has no matrix rows, not a null matrix
            }
        }

        return matrices;
    }

    // Each level of the roles' ladders LEFT JOIN its cells. A flat join lets SQLite seek by the roles' keys; nesting the
    // cells as a subquery made it read every requirement of the catalog first (85 ms for one role of a 38,000-cell
    // catalog, against 2 ms).
    private static Expression<Func<CatalogDbContext, int[], IQueryable<LadderRow>>> CellsQuery(Expression<Func<Requirement, CellRow>> cell)
    {
        Expression<Func<CatalogDbContext, int[], IQueryable<RoleLevel>>> ladders =
            (db, roleIds) => db.RoleLevels.AsNoTracking().Where(l => roleIds.Contains(l.RoleId));
        Expression<Func<RoleLevel, IEnumerable<Requirement?>>> cellsOfLevel = l => l.Requirements.DefaultIfEmpty();
        return Expression.Lambda<Func<CatalogDbContext, int[], IQueryable<LadderRow>>>(
            Expression.Call(typeof(Queryable), nameof(Queryable.SelectMany), [typeof(RoleLevel), typeof(Requirement), typeof(LadderRow)],
                ladders.Body, Expression.Quote(cellsOfLevel), Expression.Quote(LadderRowOf(cell))),
            ladders.Parameters);
    }

    // The skills of those cells, each once: `Id IN (the cells' skill ids)`, which SQLite answers by seeking each skill by
    // key (an EXISTS per skill would scan every skill of the catalog).
    private static Expression<Func<CatalogDbContext, int[], IQueryable<SkillRow>>> SkillsQuery(Expression<Func<Skill, SkillRow>> skill)
    {
        Expression<Func<CatalogDbContext, int[], IQueryable<Skill>>> skills = (db, roleIds) => db.Skills.AsNoTracking()
            .Where(s => db.Requirements.Where(q => roleIds.Contains(q.RoleId)).Select(q => q.SkillId).Contains(s.Id));
        return Expression.Lambda<Func<CatalogDbContext, int[], IQueryable<SkillRow>>>(
            Expression.Call(typeof(Queryable), nameof(Queryable.Select), [typeof(Skill), typeof(SkillRow)], skills.Body, Expression.Quote(skill)),
            skills.Parameters);
    }

    private sealed record Plan(
        Expression<Func<CatalogDbContext, int[], IQueryable<LadderRow>>> Cells,
        Expression<Func<CatalogDbContext, int[], IQueryable<SkillRow>>> Skills)
    {
        public IModel? Model { get; init; }

        public Func<CatalogDbContext, int[], IAsyncEnumerable<LadderRow>>? CompiledCells { get; init; }

        public Func<CatalogDbContext, int[], IAsyncEnumerable<SkillRow>>? CompiledSkills { get; init; }
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
    private static List<MatrixDomain> Arrange(List<LadderRow> ladder, Dictionary<int, SkillRow> skillsById)
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
        var skills = new Dictionary<int, (SkillRow Skill, Requirement?[] Cells)>();
        foreach (var row in ladder)
        {
            if (row.Cell is not { } cell)
            {
                continue; // a level of the ladder without cells: a column of nulls
            }

            if (!skills.TryGetValue(cell.SkillId, out var entry))
            {
                entry = (skillsById[cell.SkillId], new Requirement?[columns.Count]);
                skills.Add(cell.SkillId, entry);
            }

            entry.Cells[columns.IndexOf((row.Rank, row.LevelId))] = cell.Cell;
        }

        var ordered = skills.Values.ToArray();
        Array.Sort(ordered, static (a, b) =>
        {
            var order = a.Skill.DomainPosition.CompareTo(b.Skill.DomainPosition);
            if (order == 0) order = a.Skill.DomainId.CompareTo(b.Skill.DomainId);
            if (order == 0) order = a.Skill.Position.CompareTo(b.Skill.Position);
            return order != 0 ? order : a.Skill.Id.CompareTo(b.Skill.Id);
        });

        var domains = new List<MatrixDomain>();
        List<MatrixSkill>? rowsOfDomain = null;
        for (var i = 0; i < ordered.Length; i++)
        {
            var (skill, cells) = ordered[i];
            if (i == 0 || skill.DomainId != ordered[i - 1].Skill.DomainId)
            {
                rowsOfDomain = [];
                domains.Add(new MatrixDomain(skill.Skill.Domain, rowsOfDomain));
            }

            rowsOfDomain!.Add(new MatrixSkill(skill.Skill, cells));
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
                        Expression.Constant(null, typeof(CellRow)), new LevelOfLadder(requirement, level).Visit(cell.Body)))),
            level, requirement);
    }

    // A cell's level is the level of the ladder row it is joined to (the join is on it), which the row reads already
    // for its rank: read from there, it costs no second join of the levels.
    private sealed class LevelOfLadder(ParameterExpression requirement, ParameterExpression level) : ExpressionVisitor
    {
        protected override Expression VisitMember(MemberExpression node) =>
            node.Expression == requirement && node.Member.Name == nameof(Requirement.Level)
                ? Expression.Property(level, nameof(RoleLevel.Level))
                : base.VisitMember(node);
    }

    // What a cell must carry: the cell as selected under `cells`, and its skill's key, which finds its row.
    private static Expression<Func<Requirement, CellRow>> CellProjection(IResolveFieldContext context)
    {
        var cells = Selection.Of(context).Below(context, "skills").Below(context, "cells");
        var requirement = Projection.Lambda<Requirement>(context, cells);
        var cell = requirement.Parameters[0];
        return Expression.Lambda<Func<Requirement, CellRow>>(
            Expression.MemberInit(
                Expression.New(typeof(CellRow)),
                Expression.Bind(typeof(CellRow).GetProperty(nameof(CellRow.Cell))!, requirement.Body),
                Expression.Bind(typeof(CellRow).GetProperty(nameof(CellRow.SkillId))!, Expression.Property(cell, nameof(Requirement.SkillId)))),
            cell);
    }

    // What a row's skill must carry: the skill as selected under `skill`, its domain as selected under `domain`, and
    // the keys and positions that group and order the matrix.
    private static Expression<Func<Skill, SkillRow>> SkillProjection(IResolveFieldContext context)
    {
        var matrix = Selection.Of(context);
        var skills = matrix.Below(context, "skills");
        var skill = Projection.Lambda<Skill>(context, skills.Below(context, "skill").With(context, "domain", matrix.Below(context, "domain")));
        var source = skill.Parameters[0];
        return Expression.Lambda<Func<Skill, SkillRow>>(
            Expression.MemberInit(
                Expression.New(typeof(SkillRow)),
                Expression.Bind(typeof(SkillRow).GetProperty(nameof(SkillRow.Skill))!, skill.Body),
                Expression.Bind(typeof(SkillRow).GetProperty(nameof(SkillRow.Id))!, Expression.Property(source, nameof(Skill.Id))),
                Expression.Bind(typeof(SkillRow).GetProperty(nameof(SkillRow.DomainId))!, Expression.Property(source, nameof(Skill.DomainId))),
                Expression.Bind(typeof(SkillRow).GetProperty(nameof(SkillRow.Position))!, Expression.Property(source, nameof(Skill.Position))),
                Expression.Bind(typeof(SkillRow).GetProperty(nameof(SkillRow.DomainPosition))!,
                    Expression.Property(Expression.Property(source, nameof(Skill.Domain)), nameof(Domain.Position)))),
            source);
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
    }

    internal sealed class SkillRow
    {
        public Skill Skill { get; set; } = null!;

        public int Id { get; set; }

        public int DomainId { get; set; }

        public int Position { get; set; }

        public int DomainPosition { get; set; }
    }
}
