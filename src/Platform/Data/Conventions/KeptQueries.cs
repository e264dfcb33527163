using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using GraphQLParser.AST;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Query;

namespace Platform.Data.Conventions;

/// <summary>
/// Queries made from a field's selection and kept with the document's own field, compiled by EF Core once: a request
/// that sends a cached document again neither builds the projection again nor has EF Core take the query's expression
/// tree apart (parameter extraction, the query cache's hashing and comparing of the tree) to find its cached query,
/// which was about a tenth of the CPU of a request for one role.
/// </summary>
/// <remarks>
/// Only a selection that is the same on every execution (<see cref="Selection.IsSameOnEveryExecution"/>) is kept; any
/// other is made for its request and run through EF Core's own query cache (<see cref="Bind{TContext, TArgument, T}"/>).
/// A compiled query belongs to the model it was compiled for: a test process serves SQLite's and PostgreSQL's.
/// </remarks>
public static class KeptQueries
{
    private static readonly ConditionalWeakTable<GraphQLField, object> Kept = [];

    /// <summary>
    /// The one element of <paramref name="query"/> (or null) projected onto what the field being resolved selects,
    /// nested lists in split statements as <see cref="Projection.SplitWhenNested{T}"/> reads them.
    /// </summary>
    public static Task<T?> FirstProjectedAsync<TContext, TArgument, T>(this IResolveFieldContext context, TContext db,
        Expression<Func<TContext, TArgument, IQueryable<T>>> query, TArgument argument)
        where TContext : DbContext
        where T : class
    {
        if (Kept.TryGetValue(context.FieldAst, out var kept) && kept is KeptFirst<TContext, TArgument, T> first && first.Model == db.Model)
        {
            return first.Run(db, argument, context.CancellationToken)!;
        }

        var projected = Projected(context, query);
        if (Selection.IsSameOnEveryExecution(context.FieldAst.SelectionSet))
        {
            // EF Core passes the token of this signature on to the statement.
            var firstOf = Expression.Lambda<Func<TContext, TArgument, CancellationToken, T>>(
                Expression.Call(typeof(Queryable), nameof(Queryable.FirstOrDefault), [typeof(T)], projected.Body),
                [.. projected.Parameters, Expression.Parameter(typeof(CancellationToken), "cancellationToken")]);
            var made = new KeptFirst<TContext, TArgument, T>(db.Model, EF.CompileAsyncQuery(firstOf));
            Kept.AddOrUpdate(context.FieldAst, made);
            return made.Run(db, argument, context.CancellationToken)!;
        }

        return Bind(projected, db, argument).FirstOrDefaultAsync(context.CancellationToken)!;
    }

    /// <summary>
    /// <paramref name="query"/> as EF Core's own LINQ path runs it: <paramref name="db"/> in place of the context
    /// parameter, and <paramref name="argument"/> as a captured value, which EF Core makes an SQL parameter (a constant
    /// would be written into the SQL, and cached once per value).
    /// </summary>
    public static IQueryable<T> Bind<TContext, TArgument, T>(Expression<Func<TContext, TArgument, IQueryable<T>>> query, TContext db, TArgument argument)
        where TContext : DbContext
    {
        var captured = Expression.Field(Expression.Constant(new StrongBox<TArgument>(argument)), nameof(StrongBox<TArgument>.Value));
        var body = new ParameterBinder(query.Parameters[0], Expression.Constant(db), query.Parameters[1], captured).Visit(query.Body);
        return db.GetService<IAsyncQueryProvider>().CreateQuery<T>(body);
    }

    // The query with its elements projected, in split statements where the projection holds a nested list.
    private static Expression<Func<TContext, TArgument, IQueryable<T>>> Projected<TContext, TArgument, T>(IResolveFieldContext context,
        Expression<Func<TContext, TArgument, IQueryable<T>>> query)
        where T : class
    {
        Expression body = Expression.Call(typeof(Queryable), nameof(Queryable.Select), [typeof(T), typeof(T)], query.Body,
            Expression.Quote(Projection.Lambda<T>(context, Selection.Of(context))));
        if (Projection.HoldsNestedList(body))
        {
            body = Expression.Call(typeof(RelationalQueryableExtensions), nameof(RelationalQueryableExtensions.AsSplitQuery), [typeof(T)], body);
        }

        return Expression.Lambda<Func<TContext, TArgument, IQueryable<T>>>(body, query.Parameters);
    }

    private sealed record KeptFirst<TContext, TArgument, T>(IModel Model, Func<TContext, TArgument, CancellationToken, Task<T>> Run);

    private sealed class ParameterBinder(ParameterExpression context, Expression contextValue, ParameterExpression argument, Expression argumentValue)
        : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) =>
            node == context ? contextValue : node == argument ? argumentValue : node;
    }
}
