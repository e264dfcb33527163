using GraphQL;
using GraphQL.Resolvers;
using GraphQL.Types;
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
}
