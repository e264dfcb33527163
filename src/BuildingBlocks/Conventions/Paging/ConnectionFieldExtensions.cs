using System.Linq.Expressions;
using GraphQL;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;

namespace SkillMatrix.BuildingBlocks.Conventions.Paging;

public static class ConnectionFieldExtensions
{
    public const int DefaultPageSize = 10;
    public const int MaxPageSize = 100;

    /// <summary>
    /// Adds a Relay connection field over <paramref name="query"/>: <c>first after last before</c>, keyset paging
    /// on the key (the cursor carries the key, so a deep page costs what the first one does), the nodes projected
    /// onto their selection, and <c>totalCount</c> counted only when selected.
    /// </summary>
    public static FieldType AddConnectionField<TEntity, TNodeGraphType>(this IComplexGraphType type, string name, string description,
        Func<IResolveFieldContext, IQueryable<TEntity>> query, Expression<Func<TEntity, int>> key)
        where TEntity : class where TNodeGraphType : IGraphType
    {
        var prefix = char.ToUpperInvariant(name[0]) + name[1..];
        var field = new FieldType
        {
            Name = name,
            Description = description,
            ResolvedType = new ConnectionGraphType<TEntity, TNodeGraphType>(prefix),
            Arguments = new QueryArguments(
                new QueryArgument<IntGraphType> { Name = "first", Description = $"Returns the first n elements from the list (at most {MaxPageSize})." },
                new QueryArgument<StringGraphType> { Name = "after", Description = "Returns the elements in the list that come after the specified cursor." },
                new QueryArgument<IntGraphType> { Name = "last", Description = $"Returns the last n elements from the list (at most {MaxPageSize})." },
                new QueryArgument<StringGraphType> { Name = "before", Description = "Returns the elements in the list that come before the specified cursor." }),
            Resolver = new GraphQL.Resolvers.FuncFieldResolver<object>(async context =>
                await ResolveAsync(context, name, query(context), key)),
        };
        type.AddField(field);
        return field;
    }

    private static async Task<Connection<TEntity>> ResolveAsync<TEntity>(IResolveFieldContext context, string name, IQueryable<TEntity> query, Expression<Func<TEntity, int>> key)
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
        var after = DecodeCursor(context.GetArgument<string?>("after"), name, "after");
        var before = DecodeCursor(context.GetArgument<string?>("before"), name, "before");

        var connection = Selection.Of(context);
        int? totalCount = connection.Has("totalCount") ? await query.CountAsync(context.CancellationToken) : null;

        var page = query;
        if (after is { } a)
        {
            page = page.Where(Compare(key, Expression.GreaterThan, a));
        }

        if (before is { } b)
        {
            page = page.Where(Compare(key, Expression.LessThan, b));
        }

        page = forward ? page.OrderBy(key) : page.OrderByDescending(key);
        var nodes = NodeSelection(context, connection);
        var rows = await (nodes is null ? page : page.Project(context, nodes)).Take(size + 1).ToListAsync(context.CancellationToken);
        var more = rows.Count > size;
        if (more)
        {
            rows.RemoveAt(rows.Count - 1);
        }

        if (!forward)
        {
            rows.Reverse();
        }

        var readKey = key.Compile();
        var edges = rows.Select(r => new Edge<TEntity>(EncodeCursor(name, readKey(r)), r)).ToList();
        var pageInfo = new PageInfo(
            HasNextPage: forward ? more : before is not null,
            HasPreviousPage: forward ? after is not null : more,
            StartCursor: edges.FirstOrDefault()?.Cursor,
            EndCursor: edges.LastOrDefault()?.Cursor);
        return new Connection<TEntity>(edges, pageInfo, totalCount);
    }

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
        var asts = new List<GraphQLParser.AST.GraphQLField>();
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

    private static Expression<Func<TEntity, bool>> Compare<TEntity>(Expression<Func<TEntity, int>> key, Func<Expression, Expression, BinaryExpression> comparison, int value) =>
        Expression.Lambda<Func<TEntity, bool>>(comparison(key.Body, Expression.Constant(value)), key.Parameters);

    // A cursor names its connection, so a cursor of another list is refused rather than misread.
    private static string EncodeCursor(string connection, int key) => Relay.GlobalId.Encode(connection, key);

    private static int? DecodeCursor(string? cursor, string connection, string argument)
    {
        if (cursor is null)
        {
            return null;
        }

        var id = Relay.GlobalId.TryDecode(cursor, out var owner, out var key) && owner == connection ? key : (int?)null;
        return id ?? throw new ExecutionError($"'{argument}' is not a cursor of '{connection}'.") { Code = "CURSOR_INVALID" };
    }
}
