using Platform.Data.Execution;
using System.Linq.Expressions;
using System.Reflection;
using GraphQL.Builders;
using GraphQL.Resolvers;
using Microsoft.EntityFrameworkCore;
using Platform.Data.Conventions.Filtering;
using Platform.Data.Conventions.Sorting;

namespace Platform.Data.Conventions;

public static class ListFieldExtensions
{
    /// <summary>
    /// Adds a non-null list field <c>[T!]!</c> over <paramref name="query"/> (which sets the default order) with
    /// <c>where</c> and <c>order</c>, projected onto the selection: one SQL statement, only the selected columns.
    /// </summary>
    public static FieldType AddListField<TEntity, TGraphType>(this IComplexGraphType type, string name, string description,
        Func<IResolveFieldContext, IQueryable<TEntity>> query)
        where TEntity : class where TGraphType : IComplexGraphType
    {
        var field = new FieldType
        {
            Name = name,
            Description = description,
            Type = typeof(NonNullGraphType<ListGraphType<NonNullGraphType<TGraphType>>>),
            Resolver = new FuncFieldResolver<object>(async context =>
                await SortConvention.Apply(FilterConvention.Apply(query(context), context), context)
                    .Project(context, Selection.Of(context))
                    .ToListAsync(context.CancellationToken)),
        };
        type.AddField(field.WithFilteringAndSorting<TGraphType>());
        return field;
    }

    /// <summary>
    /// Adds <c>where</c> and <c>order</c> over <typeparamref name="TGraphType"/> to a list field. On a field below a
    /// projected root, projection applies them inside the parent's SQL statement; nothing else is needed.
    /// </summary>
    public static FieldType WithFilteringAndSorting<TGraphType>(this FieldType field) where TGraphType : IComplexGraphType =>
        field.AddFilterArgument<TGraphType>().AddSortArgument<TGraphType>();

    /// <summary>
    /// A list field of its source whose value is <paramref name="query"/> (which sets the default order), with
    /// <c>where</c> and <c>order</c> over its item type. Projection runs the query inside the parent's SQL statement and
    /// stores the list in the source's property of the field's name; the field reads it from there.
    /// </summary>
    public static FieldType ProjectedList<TSource, TReturn, TValue>(this FieldBuilder<TSource, TReturn> field, Expression<Func<TSource, TValue>> query)
    {
        var property = typeof(TSource).GetProperty(field.FieldType.Name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase)
            ?? throw new InvalidOperationException($"The list field '{field.FieldType.Name}' needs a property of its name on {typeof(TSource).Name} to be projected into.");
        var source = Expression.Parameter(typeof(TSource), "source");
        var read = Expression.Lambda<Func<TSource, TReturn?>>(Expression.Convert(Expression.Property(source, property), typeof(TReturn)), source).Compile();
        var item = field.FieldType.Type!.GetNamedType();
        return field.ResolveFromSource(source => read(source)).ProjectFrom(query).FieldType
            .AddFilterArgument(item).AddSortArgument(item);
    }
}
