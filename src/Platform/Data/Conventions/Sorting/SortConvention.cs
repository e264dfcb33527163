using System.Collections;
using System.Linq.Expressions;
using System.Reflection;
using GraphQL.Execution;
using GraphQL.Builders;
using GraphQLParser.AST;
using Platform.Data.Schema;

namespace Platform.Data.Conventions.Sorting;

/// <summary>
/// HotChocolate-style sorting: an <c>order: [XSortInput!]</c> argument generated from an entity graph type, and
/// its translation into <c>OrderBy/ThenBy</c> that EF Core runs in SQL.
/// </summary>
public static class SortConvention
{
    internal static readonly FieldMetadata<bool> NotSortableEntry = new("conventions.notSortable");

    public const string DefaultArgumentName = "order";

    /// <summary>The tiebreak every ordering ends with, so that equal keys never make pages overlap or skip rows.</summary>
    public const string KeyProperty = "Id";

    private static readonly MethodInfo[] OrderMethods =
    [
        Method(nameof(Queryable.OrderBy)), Method(nameof(Queryable.OrderByDescending)),
        Method(nameof(Queryable.ThenBy)), Method(nameof(Queryable.ThenByDescending)),
    ];

    /// <summary>Registers the generated sort inputs, one instance per service provider (see <c>AddFiltering</c>).</summary>
    public static IServiceCollection AddSorting(this IServiceCollection services)
    {
        services.TryAddSingleton(typeof(SortInputGraphType<>));
        services.TryAddSingleton<SortEnumType>();
        return services;
    }

    /// <summary>Adds <c>order: [{TGraphType name}SortInput!]</c> to <paramref name="field"/>.</summary>
    public static FieldType AddSortArgument<TGraphType>(this FieldType field, string argumentName = DefaultArgumentName)
        where TGraphType : IComplexGraphType =>
        field.AddSortArgument(typeof(TGraphType), argumentName);

    /// <summary>The same, for a graph type known only at run time (a list field's item type).</summary>
    internal static FieldType AddSortArgument(this FieldType field, Type graphType, string argumentName = DefaultArgumentName) =>
        ConventionMembers.AddArgument(field,
            typeof(ListGraphType<>).MakeGenericType(typeof(NonNullGraphType<>).MakeGenericType(typeof(SortInputGraphType<>).MakeGenericType(graphType))),
            argumentName, "The order of the items: by the first entry, then the next; ties end by the key.");

    /// <summary>Keeps a field out of the generated sort input.</summary>
    public static FieldBuilder<TSource, TReturn> NotSortable<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field) =>
        NotSortableEntry.Set(field, true);

    /// <summary>
    /// Orders <paramref name="query"/> by the field's <c>order</c> argument, ending with <see cref="KeyProperty"/>
    /// unless that is already the last key. Without an argument the query is returned as it is, so the caller's
    /// default order stands.
    /// </summary>
    public static IQueryable<T> Apply<T>(IQueryable<T> query, IResolveFieldContext context, string argumentName = DefaultArgumentName)
    {
        var keys = Keys(typeof(T), context, argumentName);
        if (keys.Count == 0)
        {
            return query;
        }

        var ordered = query;
        for (var i = 0; i < keys.Count; i++)
        {
            var (key, direction) = keys[i];
            var method = OrderMethods[(i == 0 ? 0 : 2) + (direction == SortDirection.Descending ? 1 : 0)];
            ordered = (IQueryable<T>)method.MakeGenericMethod(typeof(T), key.ReturnType)
                .Invoke(null, [ordered, key])!;
        }

        return ordered;
    }

    /// <summary>The <c>order</c> of the field being resolved as key selectors over <paramref name="itemType"/>.</summary>
    internal static List<(LambdaExpression Key, SortDirection Direction)> Keys(Type itemType, IResolveFieldContext context, string argumentName = DefaultArgumentName) =>
        Keys(itemType, context.FieldDefinition, context.Arguments, context.FieldAst, RawVariables(context), context.Operation, argumentName);

    /// <summary>
    /// The variables as the request sent them, before coercion put each input object's fields in schema order;
    /// null outside an execution (a context built by hand).
    /// </summary>
    internal static IReadOnlyDictionary<string, object?>? RawVariables(IResolveFieldContext context) =>
        context.ExecutionContext?.ExecutionOptions?.Variables;

    /// <summary>
    /// The <c>order</c> among <paramref name="arguments"/> of <paramref name="field"/> as key selectors over
    /// <paramref name="itemType"/>, in the order the client wrote them in <paramref name="node"/> (the field's
    /// AST) or in <paramref name="variables"/>, ending with the key; empty when the argument is absent.
    /// </summary>
    internal static List<(LambdaExpression Key, SortDirection Direction)> Keys(Type itemType, FieldType field, IDictionary<string, ArgumentValue>? arguments,
        GraphQLField? node, IReadOnlyDictionary<string, object?>? variables, GraphQLOperationDefinition? operation, string argumentName = DefaultArgumentName)
    {
        var keys = new List<(LambdaExpression, SortDirection)>();
        if (arguments is null || !arguments.TryGetValue(argumentName, out var argument)
            || WrittenOrder.Of(argument.Value, node?.Arguments?.Items.Find(a => a.Name.StringValue == argumentName)?.Value, variables, operation) is not IEnumerable entries)
        {
            return keys;
        }

        var type = ConventionMembers.InputOf<ISortInputType>(field, argumentName, itemType, "sort", nameof(AddSortArgument));

        var item = Expression.Parameter(itemType, "x");
        var bodies = new List<(Expression, SortDirection)>();
        foreach (var entry in entries)
        {
            if (entry is IDictionary<string, object?> fields)
            {
                Collect(type, item, fields, bodies);
            }
        }

        if (bodies.Count == 0)
        {
            return keys;
        }

        var last = bodies[^1].Item1;
        var isKeyLast = last is MemberExpression { Member.Name: KeyProperty, Expression: var owner } && owner == item;
        if (!isKeyLast && itemType.GetProperty(KeyProperty) is { } keyProperty)
        {
            bodies.Add((Expression.Property(item, keyProperty), SortDirection.Ascending));
        }

        keys.AddRange(bodies.Select(b => (Expression.Lambda(b.Item1, item), b.Item2)));
        return keys;
    }

    // One entry may name several fields (and a nested object several more); they sort in the order written, which
    // WrittenOrder restored: `{ domain: { name: DESC }, name: ASC }` is domain name, then name.
    private static void Collect(ISortInputType type, Expression instance, IDictionary<string, object?> fields, List<(Expression, SortDirection)> keys)
    {
        foreach (var (name, value) in fields)
        {
            if (value is null)
            {
                continue;
            }

            var member = type.Members[name];
            var access = ConventionMembers.Inline(member.Access, instance);
            if (member.Kind == MemberKind.Object)
            {
                var nested = (ISortInputType)type.GetField(name)!.ResolvedType!;
                Collect(nested, access, (IDictionary<string, object?>)value, keys);
            }
            else
            {
                keys.Add((access, (SortDirection)value));
            }
        }
    }

    private static MethodInfo Method(string name) => typeof(Queryable).GetMethods()
        .Single(m => m.Name == name && m.GetParameters().Length == 2);
}
