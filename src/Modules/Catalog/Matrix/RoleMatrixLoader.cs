using System.Linq.Expressions;
using GraphQL.DataLoader;
using GraphQLParser.AST;
using Microsoft.EntityFrameworkCore.Metadata;
using Platform.Data.DataLoaders;
using SkillMatrix.Catalog.Data;

namespace SkillMatrix.Catalog.Matrix;

internal sealed record MatrixDomain(Domain Domain, IReadOnlyList<MatrixSkill> Skills);

/// <summary>A row of the matrix: one cell per level of the role's ladder, null where the role requires nothing.</summary>
internal sealed record MatrixSkill(Skill Skill, IReadOnlyList<Requirement?> Cells);

/// <summary>
/// Reads the matrices of the roles a request asks for in three SQL statements per <c>matrix</c> field of the document,
/// each projected onto what the client selected below <c>matrix</c>, so nested objects are whole and nothing else is
/// read: the roles' ladders (their levels, as selected under <c>cells { level }</c>), the roles' cells, and the skills
/// those cells name (with their domains), each once.
/// </summary>
/// <remarks>
/// Why three statements, not one join: a ladder's level is the same for each of its 74 cells, and a skill (with its
/// domain) the same for each of its five, and a join repeats their columns on every cell's row. Through
/// Microsoft.Data.Sqlite each value read costs tens of nanoseconds (P/Invokes, a handle's reference counting, a string
/// decoded), and a LEFT JOIN's columns a null check each. The one join read 13 columns of 357 rows for one role; the
/// cells alone are five integers per row, none of them null, read from the covering index of a ladder's cells.
/// </remarks>
internal sealed class RoleMatrixLoader(CatalogDbContext db) : BatchLoader<(GraphQLField Field, int RoleId), IReadOnlyList<MatrixDomain>>
{
    // The plans of this request's matrix fields, made while their resolve context is alive. A plan (its projections, its
    // statements compiled by EF Core) is kept with the document's field where the selection allows (KeptQueries).
    private readonly Dictionary<GraphQLField, Plan> plans = [];

    public IDataLoaderResult<IReadOnlyList<MatrixDomain>?> Load(IResolveFieldContext<Role> context)
    {
        if (!plans.ContainsKey(context.FieldAst))
        {
            plans.Add(context.FieldAst, context.KeptFor(compile => PlanOf(context, compile), plan => plan.Model == db.Model));
        }

        return Load((context.FieldAst, context.Source.Id));
    }

    private Plan PlanOf(IResolveFieldContext context, bool compile)
    {
        var matrix = Selection.Of(context);
        var skills = matrix.Below(context, "skills");
        var cells = skills.Below(context, "cells");
        return new Plan(
            db.Model,
            new(LaddersQuery(cells.Has("level") ? Projection.Lambda<Level>(context, cells.Below(context, "level")) : null), compile),
            new(CellsQuery(Projection.Lambda<Requirement>(context, cells.Without("level"))), compile),
            new(SkillsQuery(Projection.Lambda<Skill>(context, skills.Below(context, "skill").With(context, "domain", matrix.Below(context, "domain")))), compile));
    }

    protected override async Task<IReadOnlyDictionary<(GraphQLField Field, int RoleId), IReadOnlyList<MatrixDomain>>> FetchAsync(
        IReadOnlyList<(GraphQLField Field, int RoleId)> keys, CancellationToken cancellationToken)
    {
        var matrices = new Dictionary<(GraphQLField, int), IReadOnlyList<MatrixDomain>>();
        foreach (var field in keys.GroupBy(k => k.Field))
        {
            var roleIds = field.Select(k => k.RoleId).ToArray();
            var plan = plans[field.Key];
            var ladders = await plan.Ladders.Run(db, roleIds).ToListAsync(cancellationToken);
            var cells = await plan.Cells.Run(db, roleIds).ToListAsync(cancellationToken);
            var skills = await plan.Skills.Run(db, roleIds).ToDictionaryAsync(s => s.Id, cancellationToken: cancellationToken);
            var cellsByRole = cells.ToLookup(c => c.RoleId);
            foreach (var ladder in ladders.GroupBy(l => l.RoleId))
            {
                matrices[(field.Key, ladder.Key)] = Arrange(ladder, cellsByRole[ladder.Key], skills);
            }

            foreach (var roleId in roleIds)
            {
                matrices.TryAdd((field.Key, roleId), []); // an unknown role has no matrix rows, not a null matrix
            }
        }

        return matrices;
    }

    // Domains and skills in page order; one column per level of the ladder, in rank order. A level without cells is a
    // column of nulls.
    private static List<MatrixDomain> Arrange(IEnumerable<LadderRow> ladder, IEnumerable<CellRow> cells, Dictionary<int, SkillRow> skillsById)
    {
        var columns = ladder.OrderBy(l => l.Rank).ToArray();
        var columnOf = new Dictionary<int, int>(columns.Length);
        for (var i = 0; i < columns.Length; i++)
        {
            columnOf[columns[i].LevelId] = i;
        }

        var skills = new Dictionary<int, (SkillRow Skill, Requirement?[] Cells)>();
        foreach (var cell in cells)
        {
            if (!skills.TryGetValue(cell.SkillId, out var entry))
            {
                entry = (skillsById[cell.SkillId], new Requirement?[columns.Length]);
                skills.Add(cell.SkillId, entry);
            }

            var column = columnOf[cell.LevelId];
            // The cell's level, read once with its ladder rather than on each of its cells' rows (null when unselected).
            cell.Cell.Level = columns[column].Level!;
            entry.Cells[column] = cell.Cell;
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
            var (skill, row) = ordered[i];
            if (i == 0 || skill.DomainId != ordered[i - 1].Skill.DomainId)
            {
                rowsOfDomain = [];
                domains.Add(new MatrixDomain(skill.Skill.Domain, rowsOfDomain));
            }

            rowsOfDomain!.Add(new MatrixSkill(skill.Skill, row));
        }

        return domains;
    }

    // The roles' ladders: a row per level, with the level as selected under `cells { level }`.
    private static Expression<Func<CatalogDbContext, int[], IQueryable<LadderRow>>> LaddersQuery(Expression<Func<Level, Level>>? level)
    {
        Expression<Func<CatalogDbContext, int[], IQueryable<RoleLevel>>> ladders =
            (db, roleIds) => db.RoleLevels.AsNoTracking().Where(l => roleIds.Contains(l.RoleId));
        var step = Expression.Parameter(typeof(RoleLevel), "step");
        var levelOfStep = Expression.Property(step, nameof(RoleLevel.Level));
        var row = Expression.Lambda<Func<RoleLevel, LadderRow>>(
            Expression.MemberInit(
                Expression.New(typeof(LadderRow)),
                Member<LadderRow>(nameof(LadderRow.RoleId), Expression.Property(step, nameof(RoleLevel.RoleId))),
                Member<LadderRow>(nameof(LadderRow.LevelId), Expression.Property(step, nameof(RoleLevel.LevelId))),
                Member<LadderRow>(nameof(LadderRow.Rank), Expression.Property(levelOfStep, nameof(Level.Rank))),
                Member<LadderRow>(nameof(LadderRow.Level),
                    level is null ? Expression.Constant(null, typeof(Level)) : new Substitute(level.Parameters[0], levelOfStep).Visit(level.Body))),
            step);
        return Select(ladders, row);
    }

    // The roles' cells as selected under `cells` (their level set from the ladder), with the keys that place them: five
    // integers a row, from the index that covers a ladder's cells.
    private static Expression<Func<CatalogDbContext, int[], IQueryable<CellRow>>> CellsQuery(Expression<Func<Requirement, Requirement>> cell)
    {
        Expression<Func<CatalogDbContext, int[], IQueryable<Requirement>>> cells =
            (db, roleIds) => db.Requirements.AsNoTracking().Where(q => roleIds.Contains(q.RoleId));
        var source = cell.Parameters[0];
        var row = Expression.Lambda<Func<Requirement, CellRow>>(
            Expression.MemberInit(
                Expression.New(typeof(CellRow)),
                Member<CellRow>(nameof(CellRow.Cell), cell.Body),
                Member<CellRow>(nameof(CellRow.RoleId), Expression.Property(source, nameof(Requirement.RoleId))),
                Member<CellRow>(nameof(CellRow.LevelId), Expression.Property(source, nameof(Requirement.LevelId))),
                Member<CellRow>(nameof(CellRow.SkillId), Expression.Property(source, nameof(Requirement.SkillId)))),
            source);
        return Select(cells, row);
    }

    // The skills of those cells, each once, as selected under `skill` (and their domain under `domain`), with the keys
    // and positions that group and order the matrix: `Id IN (the cells' skill ids)`, which SQLite answers by seeking each
    // skill by key (an EXISTS per skill would scan every skill of the catalog).
    private static Expression<Func<CatalogDbContext, int[], IQueryable<SkillRow>>> SkillsQuery(Expression<Func<Skill, Skill>> skill)
    {
        Expression<Func<CatalogDbContext, int[], IQueryable<Skill>>> skills = (db, roleIds) => db.Skills.AsNoTracking()
            .Where(s => db.Requirements.Where(q => roleIds.Contains(q.RoleId)).Select(q => q.SkillId).Contains(s.Id));
        var source = skill.Parameters[0];
        var row = Expression.Lambda<Func<Skill, SkillRow>>(
            Expression.MemberInit(
                Expression.New(typeof(SkillRow)),
                Member<SkillRow>(nameof(SkillRow.Skill), skill.Body),
                Member<SkillRow>(nameof(SkillRow.Id), Expression.Property(source, nameof(Skill.Id))),
                Member<SkillRow>(nameof(SkillRow.DomainId), Expression.Property(source, nameof(Skill.DomainId))),
                Member<SkillRow>(nameof(SkillRow.Position), Expression.Property(source, nameof(Skill.Position))),
                Member<SkillRow>(nameof(SkillRow.DomainPosition),
                    Expression.Property(Expression.Property(source, nameof(Skill.Domain)), nameof(Domain.Position)))),
            source);
        return Select(skills, row);
    }

    // row.Name = value, in a projection.
    private static MemberAssignment Member<TRow>(string name, Expression value) => Expression.Bind(typeof(TRow).GetProperty(name)!, value);

    // (db, roleIds) => source(db, roleIds).Select(row): a query of the context and the role ids, for EF Core to compile.
    private static Expression<Func<CatalogDbContext, int[], IQueryable<TRow>>> Select<TSource, TRow>(
        Expression<Func<CatalogDbContext, int[], IQueryable<TSource>>> source, Expression<Func<TSource, TRow>> row) =>
        Expression.Lambda<Func<CatalogDbContext, int[], IQueryable<TRow>>>(
            Expression.Call(typeof(Queryable), nameof(Queryable.Select), [typeof(TSource), typeof(TRow)], source.Body, Expression.Quote(row)),
            source.Parameters);

    // The body of a projection applied to another expression than its parameter.
    private sealed class Substitute(ParameterExpression parameter, Expression replacement) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == parameter ? replacement : node;
    }

    // A compiled query belongs to the model it was compiled for (a test process has SQLite's and PostgreSQL's).
    private sealed record Plan(
        IModel Model,
        KeptQuery<CatalogDbContext, int[], LadderRow> Ladders,
        KeptQuery<CatalogDbContext, int[], CellRow> Cells,
        KeptQuery<CatalogDbContext, int[], SkillRow> Skills);

    internal sealed class LadderRow
    {
        public int RoleId { get; set; }

        public int LevelId { get; set; }

        public int Rank { get; set; }

        public Level? Level { get; set; }
    }

    internal sealed class CellRow
    {
        public Requirement Cell { get; set; } = null!;

        public int RoleId { get; set; }

        public int LevelId { get; set; }

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
