using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;
using System.Text.Json;
using GraphQL.Execution;
using GraphQLParser.AST;
using Microsoft.EntityFrameworkCore;
using Platform.Data.Conventions.Filtering;
using Platform.Data.Conventions.Sorting;

namespace Platform.Data.Conventions;

/// <summary>
/// Turns a selection set into <c>Select(x => new T { ... })</c> over an entity query, so that EF Core reads
/// only the selected columns, nested objects in the same SQL statement and nested lists in split statements
/// (see <see cref="SplitWhenNested{T}"/>). Field resolvers below
/// a projected root then only read properties.
/// </summary>
public static class Projection
{
    private static readonly MethodInfo EnumerableSelect = typeof(Enumerable).GetMethods()
        .Single(m => m.Name == nameof(Enumerable.Select) && m.GetParameters()[1].ParameterType.GetGenericArguments().Length == 2);
    private static readonly MethodInfo EnumerableToList = typeof(Enumerable).GetMethod(nameof(Enumerable.ToList))!;
    private static readonly MethodInfo EnumerableOrderBy = SequenceMethod(nameof(Enumerable.OrderBy));
    private static readonly MethodInfo EnumerableOrderByDescending = SequenceMethod(nameof(Enumerable.OrderByDescending));
    private static readonly MethodInfo EnumerableThenBy = SequenceMethod(nameof(Enumerable.ThenBy));
    private static readonly MethodInfo EnumerableThenByDescending = SequenceMethod(nameof(Enumerable.ThenByDescending));
    private static readonly MethodInfo EnumerableWhere = typeof(Enumerable).GetMethods()
        .Single(m => m.Name == nameof(Enumerable.Where) && m.GetParameters()[1].ParameterType.GetGenericArguments().Length == 2);

    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> KeysByType = new();
    private static readonly ConcurrentDictionary<PropertyInfo, bool> OptionalReferences = new();

    /// <summary>Projects <paramref name="query"/> onto what <paramref name="selection"/> asks of its elements.</summary>
    public static IQueryable<T> Project<T>(this IQueryable<T> query, IResolveFieldContext context, Selection selection, Expression<Func<T, int>>? key = null)
        where T : class
    {
        return query.Select(Lambda(context, selection, key)).SplitWhenNested();
    }

    /// <summary>
    /// Reads a projected root whose selection holds a nested list in split statements: one for the roots, one per
    /// nested list, each joined to the roots' keys. As one statement, EF Core nests each list as a correlated
    /// subquery that SQLite materializes over the whole catalog (a page of 10 roles with levels and requirements:
    /// 564 ms p50 on the bench's 37,500 requirements). Split, every statement seeks by index: EXPLAIN QUERY PLAN
    /// shows the page as a subquery that stops at its LIMIT, <c>SEARCH ... USING INDEX IX_requirements_RoleId_LevelId
    /// (RoleId=?)</c> and primary-key searches for what hangs below, and a temp b-tree only to order the page's rows.
    /// The number of statements is fixed by the selection (one plus one per nested list), whatever the page and
    /// catalog sizes. A root without nested lists stays one statement.
    /// </summary>
    public static IQueryable<T> SplitWhenNested<T>(this IQueryable<T> query) where T : class =>
        HoldsNestedList(query.Expression) ? query.AsSplitQuery() : query;

    /// <summary>Whether a projection in <paramref name="query"/> holds a nested list (and so is read in split statements).</summary>
    internal static bool HoldsNestedList(Expression query) => NestedListFinder.Holds(query);

    // A nested list of a projection is always materialized by ProjectList's Enumerable.ToList; filters on lists
    // (`some`, `all`) are Any and All, which SQL answers inside the statement and need no split.
    private sealed class NestedListFinder : ExpressionVisitor
    {
        private bool found;

        public static bool Holds(Expression expression)
        {
            var finder = new NestedListFinder();
            finder.Visit(expression);
            return finder.found;
        }

        public override Expression? Visit(Expression? node) => found ? node : base.Visit(node);

        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            if (node.Method.IsGenericMethod && node.Method.GetGenericMethodDefinition() == EnumerableToList)
            {
                found = true;
                return node;
            }

            return base.VisitMethodCall(node);
        }
    }

    /// <summary>
    /// The projection of one <typeparamref name="T"/> onto <paramref name="selection"/>, to use inside a larger query;
    /// with <paramref name="key"/> (a member of <typeparamref name="T"/>) read whatever is selected, for a caller that
    /// matches the projected objects by it.
    /// </summary>
    public static Expression<Func<T, T>> Lambda<T>(IResolveFieldContext context, Selection selection, Expression<Func<T, int>>? key = null) where T : class
    {
        var item = Expression.Parameter(typeof(T), "x");
        var members = key?.Body is MemberExpression { Member.Name: var name } ? [name] : Array.Empty<string>();
        return Expression.Lambda<Func<T, T>>(Build(item, typeof(T), selection, context, members), item);
    }

    private static Expression Build(Expression source, Type type, Selection selection, IResolveFieldContext context, string[]? alsoRead = null)
    {
        var bindings = new Dictionary<string, Expression>(StringComparer.Ordinal);
        foreach (var member in alsoRead ?? [])
        {
            bindings[member] = Expression.Property(source, member);
        }

        // Keys and foreign keys are read where a selected field is resolved by code (a batch loader, a load by key, a
        // type extension's field), which may read its source's keys without declaring them. A field that reads the
        // property of its name, or declares what it reads (DependsOn, ProjectFrom), needs nothing more, so a selection
        // of such fields reads its columns alone: a matrix's cells read 13 columns instead of 19. Cursors and default
        // orderings read keys in SQL, from the source, not from the projection.
        if (selection.Fields.Values.Any(field => ResolvedByCode(field.FieldType)))
        {
            foreach (var key in Keys(type))
            {
                bindings[key.Name] = Expression.Property(source, key);
            }
        }

        foreach (var field in selection.Fields.Values)
        {
            foreach (var member in field.FieldType.DependsOn())
            {
                bindings[member] = Expression.Property(source, member);
            }

            var property = type.GetProperty(Pascal(field.FieldType.Name), BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            var derived = field.FieldType.ProjectedFrom();
            if (property is null || !property.CanWrite)
            {
                continue;
            }

            var value = derived is null ? Expression.Property(source, property) : Lambdas.Inline(derived, source);
            var below = selection.Below(context, field);
            bindings[property.Name] = below is null
                ? value
                : ElementType(value.Type) is { } element
                    ? ProjectList(value, element, property.PropertyType, below, context, field, ordered: derived is not null)
                    : Reference(value, property, below, context);
        }

        var init = Expression.MemberInit(
            Expression.New(type),
            bindings.Select(b => Expression.Bind(type.GetProperty(b.Key)!, b.Value)));
        return init;
    }

    // An optional object (a proposal's review) must stay null when absent; SQL would otherwise hand back an
    // object of nulls. A required one needs no test.
    private static Expression Reference(Expression value, PropertyInfo property, Selection below, IResolveFieldContext context)
    {
        var projected = Build(value, value.Type, below, context);
        var optional = OptionalReferences.GetOrAdd(property, p => new NullabilityInfoContext().Create(p).ReadState == NullabilityState.Nullable);
        return optional
            ? Expression.Condition(Expression.Equal(value, Expression.Constant(null, value.Type)), Expression.Constant(null, value.Type), projected)
            : projected;
    }

    private static Expression ProjectList(Expression list, Type element, Type target, Selection below, IResolveFieldContext context, SelectedField field, bool ordered)
    {
        // `where` and `order` of a nested list run inside the parent's statement, not after it.
        var arguments = ArgumentsOf(context, field);
        if (FilterConvention.Predicate(element, field.FieldType, arguments) is { } predicate)
        {
            list = Expression.Call(EnumerableWhere.MakeGenericMethod(element), list, predicate);
        }

        // A field added by code (Selection.With) has no node and no arguments; one the client selected reads its first.
        var order = SortConvention.Keys(element, field.FieldType, arguments, field.Nodes.FirstOrDefault(), SortConvention.RawVariables(context), context.Operation);
        for (var i = 0; i < order.Count; i++)
        {
            var (key, direction) = order[i];
            var method = (i, direction) switch
            {
                (0, SortDirection.Ascending) => EnumerableOrderBy,
                (0, _) => EnumerableOrderByDescending,
                (_, SortDirection.Ascending) => EnumerableThenBy,
                _ => EnumerableThenByDescending,
            };
            list = Expression.Call(method.MakeGenericMethod(element, key.ReturnType), list, key);
            ordered = true;
        }

        if (!ordered && Keys(element).FirstOrDefault(k => k.Name == "Id") is { } id)
        {
            // A navigation list has no order of its own in SQL; the key makes it stable.
            var keyParameter = Expression.Parameter(element, "k");
            list = Expression.Call(EnumerableOrderBy.MakeGenericMethod(element, id.PropertyType), list,
                Expression.Lambda(Expression.Property(keyParameter, id), keyParameter));
        }

        var item = Expression.Parameter(element, "i");
        var selector = Expression.Lambda(Build(item, element, below, context), item);
        var projected = Expression.Call(EnumerableSelect.MakeGenericMethod(element, element), list, selector);
        var materialized = Expression.Call(EnumerableToList.MakeGenericMethod(element), projected);
        return target.IsAssignableFrom(materialized.Type)
            ? materialized
            : throw new InvalidOperationException($"Cannot store a list of {element.Name} in a property of type {target.Name}.");
    }

    // The arguments of a selected list field. Two selections of one field (aliases) share one projected list, so
    // they must ask for the same items; different arguments would need two lists, which this does not build.
    private static Dictionary<string, ArgumentValue>? ArgumentsOf(IResolveFieldContext context, SelectedField field)
    {
        if (field.FieldType.Arguments is not { Count: > 0 } || field.Nodes.Count == 0)
        {
            return null;
        }

        var all = field.Nodes.Select(node => ExecutionHelper.GetArguments(field.FieldType.Arguments, node.Arguments, context.Variables, context.Document, node, null)).ToList();
        // Compared as written, so that two orders naming the same fields in another order count as different.
        var variables = SortConvention.RawVariables(context);
        string Written(IDictionary<string, ArgumentValue>? arguments, GraphQLField node) => JsonSerializer.Serialize(arguments?.ToDictionary(a => a.Key,
            a => WrittenOrder.Of(a.Value.Value, node.Arguments?.Items.Find(n => n.Name.StringValue == a.Key)?.Value, variables, context.Operation)));
        var first = Written(all[0], field.Nodes[0]);
        if (all.Skip(1).Select((other, i) => Written(other, field.Nodes[i + 1])).Any(other => other != first))
        {
            throw new ExecutionError($"'{field.FieldType.Name}' is selected more than once with different arguments; select it once per parent.")
            {
                Code = "PROJECTION_CONFLICT",
            };
        }

        return all[0];
    }

    /// <summary>The entity a collection holds (a class other than string), or null for anything else.</summary>
    private static Type? ElementType(Type type) =>
        ConventionMembers.ElementType(type) is { IsClass: true } element && element != typeof(string) ? element : null;

    // The engine's resolver by name, Field(x => x.Property) and ResolveFromSource read the property of the field's
    // name (or what the field declares); anything else is code that may read any member.
    private static bool ResolvedByCode(FieldType field) => field.Resolver switch
    {
        null => false,
        Execution.ISourceResolver => false,
        { } resolver when Execution.SourceReads.IsPropertyExpression(resolver) => false,
        _ => !field.Name.StartsWith("__", StringComparison.Ordinal),
    };

    private static PropertyInfo[] Keys(Type type) => KeysByType.GetOrAdd(type, t => t
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.CanWrite && p.Name.EndsWith("Id", StringComparison.Ordinal) && (p.PropertyType == typeof(int) || p.PropertyType == typeof(long) || p.PropertyType == typeof(Guid)))
        .ToArray());

    private static MethodInfo SequenceMethod(string name) => typeof(Enumerable).GetMethods()
        .Single(m => m.Name == name && m.GetParameters().Length == 2);

    private static string Pascal(string name) => char.ToUpperInvariant(name[0]) + name[1..];
}
