using System.Linq.Expressions;
using System.Reflection;
using GraphQLParser.AST;
using Microsoft.EntityFrameworkCore;
using Platform.Data.Conventions.Filtering;
using Platform.Data.Conventions.Sorting;

namespace Platform.Data.Conventions.Paging;

public static class ConnectionFieldExtensions
{
    public const int DefaultPageSize = 10;
    public const int MaxPageSize = 100;

    // Expression.Call(typeof(Queryable), name, ...) searches every method of Queryable, allocating their list, on each
    // call: found once here instead of several times per request.
    private static readonly MethodInfo QueryableOrderBy = QueryableMethod(nameof(Queryable.OrderBy));
    private static readonly MethodInfo QueryableOrderByDescending = QueryableMethod(nameof(Queryable.OrderByDescending));
    private static readonly MethodInfo QueryableThenBy = QueryableMethod(nameof(Queryable.ThenBy));
    private static readonly MethodInfo QueryableThenByDescending = QueryableMethod(nameof(Queryable.ThenByDescending));
    private static readonly MethodInfo QueryableTake = typeof(Queryable).GetMethods()
        .Single(m => m.Name == nameof(Queryable.Take) && m.GetParameters()[1].ParameterType == typeof(int));

    /// <summary>
    /// Adds a Relay connection field over <paramref name="query"/> with HotChocolate's arguments: <c>first after last
    /// before where order</c>. Paging seeks on the sort keys (the cursor carries them), the nodes are projected onto
    /// their selection, and <c>totalCount</c> is counted only when selected. Without <c>order</c>, items come by key,
    /// ascending or (<paramref name="newestFirst"/>) descending.
    /// </summary>
    public static FieldType AddConnectionField<TEntity, TNodeGraphType>(this IComplexGraphType type, string name, string description,
        Func<IResolveFieldContext, IQueryable<TEntity>> query, Expression<Func<TEntity, int>> key, bool newestFirst = false)
        where TEntity : class where TNodeGraphType : IComplexGraphType
    {
        var field = new FieldType
        {
            Name = name,
            Description = description,
            Type = typeof(ConnectionGraphType<TEntity, TNodeGraphType>),
            Arguments = new QueryArguments(
                new QueryArgument<IntGraphType> { Name = "first", Description = $"Returns the first n elements from the list (at most {MaxPageSize})." },
                new QueryArgument<StringGraphType> { Name = "after", Description = "Returns the elements in the list that come after the specified cursor." },
                new QueryArgument<IntGraphType> { Name = "last", Description = $"Returns the last n elements from the list (at most {MaxPageSize})." },
                new QueryArgument<StringGraphType> { Name = "before", Description = "Returns the elements in the list that come before the specified cursor." }),
        };
        field.AddFilterArgument<TNodeGraphType>().AddSortArgument<TNodeGraphType>();
        field.Resolver = new GraphQL.Resolvers.FuncFieldResolver<object>(async context => await ResolveAsync(context, name, query(context), key, newestFirst));
        type.AddField(field);
        return field;
    }

    private static async Task<Connection<TEntity>> ResolveAsync<TEntity>(IResolveFieldContext context, string name, IQueryable<TEntity> query, Expression<Func<TEntity, int>> key, bool newestFirst)
        where TEntity : class
    {
        var first = context.GetArgument<int?>("first");
        var last = context.GetArgument<int?>("last");
        if (first is not null && last is not null)
        {
            throw new ExecutionError("Pass either 'first' or 'last', not both.") { Code = "PAGING_INVALID" };
        }

        var forward = last is null;
        var size = CheckSize(first ?? last ?? DefaultPageSize, forward ? "first" : "last");

        if (FilterConvention.Predicate<TEntity>(context) is { } predicate)
        {
            query = query.Where(predicate);
        }

        var keys = SortConvention.Keys(typeof(TEntity), context);
        var defaultOrder = keys.Count == 0;
        if (defaultOrder)
        {
            keys.Add((key, newestFirst ? SortDirection.Descending : SortDirection.Ascending));
        }

        var cursors = new KeysetCursor(name, keys);
        var after = context.GetArgument<string?>("after") is { } a ? cursors.Decode(a, "after") : null;
        var before = context.GetArgument<string?>("before") is { } b ? cursors.Decode(b, "before") : null;

        var connection = Selection.Of(context);
        int? totalCount = connection.Has("totalCount") ? await query.CountAsync(context.CancellationToken) : null;

        var page = query;
        if (after is not null)
        {
            page = page.Where(cursors.Beyond<TEntity>(after, reversed: false));
        }

        if (before is not null)
        {
            page = page.Where(cursors.Beyond<TEntity>(before, reversed: true));
        }

        // `last` reads the order backwards from the end (or from `before`), then turns the page round.
        page = Order(page, keys, reversed: !forward);
        // The page's own query is the field's entity set with filters and orders, which hold no projection: a nested
        // list can only come from the row's projection, where it is looked for once, and it decides both below.
        var (row, nested) = PageRow<TEntity>(context, connection, keys, defaultOrder);
        var projected = page.Select(row);
        var rows = await (nested ? projected.TakePage(size + 1, literal: true).AsSplitQuery() : projected.TakePage(size + 1, literal: false))
            .ToListAsync(context.CancellationToken);
        var more = rows.Count > size;
        if (more)
        {
            rows.RemoveAt(rows.Count - 1);
        }

        if (!forward)
        {
            rows.Reverse();
        }

        var edges = rows.Select(r => new Edge<TEntity>(() => cursors.Encode(r.Keys), r.Node)).ToList();
        var pageInfo = new PageInfo(
            HasNextPage: forward ? more : before is not null,
            HasPreviousPage: forward ? after is not null : more,
            StartCursorOf: () => edges.FirstOrDefault()?.Cursor,
            EndCursorOf: () => edges.LastOrDefault()?.Cursor);
        return new Connection<TEntity>(edges, pageInfo, totalCount);
    }

    private static IQueryable<T> Order<T>(IQueryable<T> query, List<(LambdaExpression Key, SortDirection Direction)> keys, bool reversed)
    {
        var expression = query.Expression;
        for (var i = 0; i < keys.Count; i++)
        {
            var ascending = (keys[i].Direction == SortDirection.Ascending) != reversed;
            var method = (i == 0, ascending) switch
            {
                (true, true) => QueryableOrderBy,
                (true, false) => QueryableOrderByDescending,
                (false, true) => QueryableThenBy,
                _ => QueryableThenByDescending,
            };
            expression = Expression.Call(method.MakeGenericMethod(typeof(T), keys[i].Key.ReturnType), expression, Expression.Quote(keys[i].Key));
        }

        return query.Provider.CreateQuery<T>(expression);
    }

    /// <summary>
    /// The projection of the page's rows, and whether it holds a nested list. It depends on the request only through
    /// the arguments and directives below the connection (filters of nested lists, @skip/@include) and through the
    /// <c>order</c> argument; where there are none, it is made once per field of a (cached) document and used by every
    /// later request of it, since building it was a few percent of a small query's CPU.
    /// </summary>
    private static (Expression<Func<T, Row<T>>> Row, bool Nested) PageRow<T>(IResolveFieldContext context, Selection connection,
        List<(LambdaExpression Key, SortDirection Direction)> keys, bool defaultOrder)
        where T : class
    {
        var made = context.KeptFor(_ =>
        {
            var row = RowOf<T>(context, connection, keys);
            return new PageRowOf<T>(row, Projection.HoldsNestedList(row));
        }, mayKeep: defaultOrder);
        return (made.Row, made.Nested);
    }

    private sealed record PageRowOf<T>(Expression<Func<T, Row<T>>> Row, bool Nested);

    // Each row is the projected node and the values of its sort keys, read in the same statement: the keys need
    // not be among the selected fields for the cursor to carry them.
    private static Expression<Func<T, Row<T>>> RowOf<T>(IResolveFieldContext context, Selection connection, List<(LambdaExpression Key, SortDirection Direction)> keys)
        where T : class
    {
        var item = Expression.Parameter(typeof(T), "x");
        var nodes = NodeSelection(context, connection);
        var node = nodes is null ? item : Lambdas.Inline(Projection.Lambda<T>(context, nodes), item);
        var values = keys.Select(k => (Expression)Expression.Convert(Lambdas.Inline(k.Key, item), typeof(object)));
        return Expression.Lambda<Func<T, Row<T>>>(
            Expression.MemberInit(
                Expression.New(typeof(Row<T>)),
                Expression.Bind(typeof(Row<T>).GetProperty(nameof(Row<T>.Node))!, node),
                Expression.Bind(typeof(Row<T>).GetProperty(nameof(Row<T>.Keys))!, Expression.NewArrayInit(typeof(object), values))),
            item);
    }

    // Where the page holds a nested list, its size goes into the SQL as a literal: split statements join the page as a
    // subquery with its LIMIT, and only a literal LIMIT tells SQLite the subquery is small. With `LIMIT @p` it drove the
    // nested list's statement from a SCAN of requirements; with `LIMIT 11` it seeks requirements by the page's role ids.
    // EF.Constant writes the literal, but then EF Core makes the SQL again on every execution, so a page without nested
    // lists (one statement, nothing to plan around it) keeps the size a parameter and its SQL cached.
    private static IQueryable<T> TakePage<T>(this IQueryable<T> query, int count, bool literal) =>
        query.Provider.CreateQuery<T>(Expression.Call(QueryableTake.MakeGenericMethod(typeof(T)), query.Expression,
            literal ? Expression.Call(typeof(EF), nameof(EF.Constant), [typeof(int)], Expression.Constant(count)) : Expression.Constant(count)));

    private static MethodInfo QueryableMethod(string name) => typeof(Queryable).GetMethods()
        .Single(m => m.Name == name && m.GetParameters().Length == 2);

    private static int CheckSize(int size, string argument)
    {
        if (size < 0)
        {
            throw new ExecutionError($"'{argument}' must not be negative.") { Code = "PAGING_INVALID" };
        }

        if (size > MaxPageSize)
        {
            // GraphQL.NET creates an error's extensions only when something sets them.
            throw new ExecutionError($"'{argument}' is {size}, but a page holds at most {MaxPageSize} items.")
            {
                Code = "PAGE_SIZE_EXCEEDED",
                Extensions = new Dictionary<string, object?> { ["maxPageSize"] = MaxPageSize, ["requested"] = size },
            };
        }

        return size;
    }

    // The nodes asked for under `nodes` and under `edges { node }`, merged: one projection serves both.
    private static Selection? NodeSelection(IResolveFieldContext context, Selection connection)
    {
        var asts = new List<GraphQLField>();
        IComplexGraphType? nodeType = null;
        if (connection.Fields.TryGetValue("nodes", out var nodes))
        {
            asts.AddRange(nodes.Nodes);
            nodeType = (IComplexGraphType)Selection.Unwrap(nodes.FieldType.ResolvedType!);
        }

        if (connection.Fields.TryGetValue("edges", out var edges) && connection.Below(context, edges) is { } edge
            && edge.Fields.TryGetValue("node", out var node))
        {
            asts.AddRange(node.Nodes);
            nodeType = (IComplexGraphType)Selection.Unwrap(node.FieldType.ResolvedType!);
        }

        return nodeType is null ? null : Selection.Of(context, nodeType, asts);
    }
}

/// <summary>A projected node and its sort-key values, as one row of a page.</summary>
internal sealed class Row<T>
{
    public T Node { get; set; } = default!;

    public object?[] Keys { get; set; } = [];
}
