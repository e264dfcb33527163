using System.Linq.Expressions;
using GraphQL.Execution;
using GraphQL.Builders;
using Platform.Data.Schema;

namespace Platform.Data.Conventions.Filtering;

/// <summary>
/// HotChocolate-style filtering: a <c>where: XFilterInput</c> argument generated from an entity graph type, and
/// its translation into a <c>Where</c> that EF Core runs in SQL.
/// </summary>
public static class FilterConvention
{
    internal static readonly FieldMetadata<bool> NotFilterableEntry = new("conventions.notFilterable");

    public const string DefaultArgumentName = "where";

    /// <summary>
    /// Registers the generated input types. They are singletons of this service provider, so each schema built
    /// from it sees exactly one instance per type name, which GraphQL.NET requires.
    /// </summary>
    public static IServiceCollection AddFiltering(this IServiceCollection services)
    {
        services.TryAddSingleton(typeof(FilterInputGraphType<>));
        services.TryAddSingleton(typeof(ListFilterInputGraphType<>));
        services.TryAddSingleton(typeof(ListOperationFilterInput<>));
        services.TryAddSingleton(typeof(EnumOperationFilterInput<>));
        foreach (var type in OperationFilterInputs.Concrete)
        {
            services.TryAddSingleton(type);
        }

        return services;
    }

    /// <summary>Adds <c>where: {TGraphType name}FilterInput</c> to <paramref name="field"/>.</summary>
    public static FieldType AddFilterArgument<TGraphType>(this FieldType field, string argumentName = DefaultArgumentName)
        where TGraphType : IComplexGraphType =>
        field.AddFilterArgument(typeof(TGraphType), argumentName);

    /// <summary>The same, for a graph type known only at run time (a list field's item type).</summary>
    internal static FieldType AddFilterArgument(this FieldType field, Type graphType, string argumentName = DefaultArgumentName) =>
        ConventionMembers.AddArgument(field, typeof(FilterInputGraphType<>).MakeGenericType(graphType), argumentName, "Only the items that match.");

    /// <summary>Keeps a field out of the generated filter input, e.g. one that cannot be translated to SQL.</summary>
    public static FieldBuilder<TSource, TReturn> NotFilterable<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field) =>
        NotFilterableEntry.Set(field, true);

    /// <summary>Narrows <paramref name="query"/> by the field's <c>where</c> argument; unchanged when there is none.</summary>
    public static IQueryable<T> Apply<T>(IQueryable<T> query, IResolveFieldContext context, string argumentName = DefaultArgumentName) =>
        Predicate<T>(context, argumentName) is { } predicate ? query.Where(predicate) : query;

    /// <summary>
    /// The field's <c>where</c> argument as a predicate, or null when there is none; for filtering a list inside
    /// a projection (<c>Enumerable.Where</c> over a navigation) rather than a root query.
    /// </summary>
    public static Expression<Func<T, bool>>? Predicate<T>(IResolveFieldContext context, string argumentName = DefaultArgumentName) =>
        (Expression<Func<T, bool>>?)Predicate(typeof(T), context.FieldDefinition, context.Arguments, argumentName);

    /// <summary>The <c>where</c> among <paramref name="arguments"/> of <paramref name="field"/> as a predicate over <paramref name="itemType"/>, or null.</summary>
    internal static LambdaExpression? Predicate(Type itemType, FieldType field, IDictionary<string, ArgumentValue>? arguments, string argumentName = DefaultArgumentName)
    {
        if (arguments is null || !arguments.TryGetValue(argumentName, out var argument)
            || argument.Value is not IDictionary<string, object?> value)
        {
            return null;
        }

        var type = ConventionMembers.InputOf<IFilterInputType>(field, argumentName, itemType, "filter", nameof(AddFilterArgument));
        return FilterTranslator.Predicate(itemType, type, value);
    }
}
