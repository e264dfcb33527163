using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using GraphQLParser.AST;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Query;

namespace Platform.Data.Conventions;

/// <summary>
/// What is made from a field's selection (a projection, a query compiled by EF Core), kept with the document's own
/// field: a request that sends a cached document again neither builds it again nor has EF Core take a query's
/// expression tree apart (parameter extraction, the query cache's hashing and comparing of the tree) to find its cached
/// query, which was about a tenth of the CPU of a request for one role.
/// </summary>
/// <remarks>
/// Only what is made from a selection that is the same on every execution (<see cref="Selection.IsSameOnEveryExecution"/>)
/// is kept; anything else is made for its request, and its queries run through EF Core's own query cache
/// (<see cref="KeptQuery{TContext, TArgument, T}"/>). Keyed by the document's own nodes, an entry lives as long as the
/// document does (the document cache's, or a request's).
/// </remarks>
public static class KeptQueries
{
    private static readonly ConditionalWeakTable<GraphQLField, object> Kept = [];

    /// <summary>
    /// What <paramref name="make"/> makes for the field being resolved: the kept one when there is one that
    /// <paramref name="fits"/> (a compiled query belongs to the model it was compiled for, and a test process serves
    /// SQLite's and PostgreSQL's), else a new one, kept when the selection allows and <paramref name="mayKeep"/> (false
    /// where an argument of the field itself shapes it). <paramref name="make"/> is told whether it will be kept.
    /// </summary>
    public static T KeptFor<T>(this IResolveFieldContext context, Func<bool, T> make, Func<T, bool>? fits = null, bool mayKeep = true)
        where T : class
    {
        if (!mayKeep)
        {
            return make(false);
        }

        // Only a field whose selection allows it is ever kept, so a field found here needs no look at its selection.
        if (Kept.TryGetValue(context.FieldAst, out var kept) && kept is T known && (fits?.Invoke(known) ?? true))
        {
            return known;
        }

        var keep = Selection.IsSameOnEveryExecution(context.FieldAst.SelectionSet);
        var made = make(keep);
        if (keep)
        {
            Kept.AddOrUpdate(context.FieldAst, made);
        }

        return made;
    }

    /// <summary>
    /// The one element of <paramref name="query"/> (or null) projected onto what the field being resolved selects,
    /// nested lists in split statements as <see cref="Projection.SplitWhenNested{T}"/> reads them.
    /// </summary>
    public static Task<T?> FirstProjectedAsync<TContext, TArgument, T>(this IResolveFieldContext context, TContext db,
        Expression<Func<TContext, TArgument, IQueryable<T>>> query, TArgument argument)
        where TContext : DbContext
        where T : class
    {
        var first = context.KeptFor(keep => new KeptFirst<TContext, TArgument, T>(db.Model, Projected(context, query), keep), f => f.Model == db.Model);
        return first.RunAsync(db, argument, context.CancellationToken);
    }

    /// <summary>
    /// <paramref name="query"/> as EF Core's own LINQ path runs it: <paramref name="db"/> in place of the context
    /// parameter, and <paramref name="argument"/> as a captured value, which EF Core makes an SQL parameter (a constant
    /// would be written into the SQL, and cached once per value).
    /// </summary>
    internal static IQueryable<T> Bind<TContext, TArgument, T>(Expression<Func<TContext, TArgument, IQueryable<T>>> query, TContext db, TArgument argument)
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

    // The first element (or null) of a projected query, compiled when kept.
    private sealed class KeptFirst<TContext, TArgument, T>
        where TContext : DbContext
        where T : class
    {
        private readonly Expression<Func<TContext, TArgument, IQueryable<T>>> query;
        private readonly Func<TContext, TArgument, CancellationToken, Task<T>>? compiled;

        public KeptFirst(IModel model, Expression<Func<TContext, TArgument, IQueryable<T>>> query, bool compile)
        {
            Model = model;
            this.query = query;
            if (compile)
            {
                // EF Core passes the token of this signature on to the statement.
                compiled = EF.CompileAsyncQuery(Expression.Lambda<Func<TContext, TArgument, CancellationToken, T>>(
                    Expression.Call(typeof(Queryable), nameof(Queryable.FirstOrDefault), [typeof(T)], query.Body),
                    [.. query.Parameters, Expression.Parameter(typeof(CancellationToken), "cancellationToken")]));
            }
        }

        public IModel Model { get; }

        public Task<T?> RunAsync(TContext db, TArgument argument, CancellationToken cancellationToken)
        {
            if (compiled is null)
            {
                return Bind(query, db, argument).FirstOrDefaultAsync(cancellationToken);
            }

            return compiled(db, argument, cancellationToken)!;
        }
    }

    private sealed class ParameterBinder(ParameterExpression context, Expression contextValue, ParameterExpression argument, Expression argumentValue)
        : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) =>
            node == context ? contextValue : node == argument ? argumentValue : node;
    }
}

/// <summary>
/// A query of a context and one argument, as a kept plan holds it: compiled by EF Core once when the plan is kept, else
/// run through EF Core's own query cache (<see cref="KeptQueries.KeptFor{T}"/>).
/// </summary>
public sealed class KeptQuery<TContext, TArgument, T>
    where TContext : DbContext
{
    private readonly Expression<Func<TContext, TArgument, IQueryable<T>>> query;
    private readonly Func<TContext, TArgument, IAsyncEnumerable<T>>? compiled;

    public KeptQuery(Expression<Func<TContext, TArgument, IQueryable<T>>> query, bool compile)
    {
        this.query = query;
        compiled = compile ? EF.CompileAsyncQuery(query) : null;
    }

    public IAsyncEnumerable<T> Run(TContext db, TArgument argument) =>
        compiled?.Invoke(db, argument) ?? KeptQueries.Bind(query, db, argument).AsAsyncEnumerable();
}
