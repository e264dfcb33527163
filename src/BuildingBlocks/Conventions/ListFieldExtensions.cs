using GraphQL;
using GraphQL.Resolvers;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;

namespace SkillMatrix.BuildingBlocks.Conventions;

public static class ListFieldExtensions
{
    /// <summary>
    /// Adds a non-null list field <c>[T!]!</c> over <paramref name="query"/> (which sets the order), projected
    /// onto the selection: one SQL statement, only the selected columns.
    /// </summary>
    public static FieldType AddListField<TEntity, TGraphType>(this IComplexGraphType type, string name, string description,
        Func<IResolveFieldContext, IQueryable<TEntity>> query)
        where TEntity : class where TGraphType : IGraphType
    {
        var field = new FieldType
        {
            Name = name,
            Description = description,
            Type = typeof(NonNullGraphType<ListGraphType<NonNullGraphType<TGraphType>>>),
            Resolver = new FuncFieldResolver<object>(async context =>
                await query(context).Project(context, Selection.Of(context)).ToListAsync(context.CancellationToken)),
        };
        type.AddField(field);
        return field;
    }
}
