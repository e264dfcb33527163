using System.Linq.Expressions;
using GraphQL.DataLoader;
using GraphQLParser.AST;
using Microsoft.EntityFrameworkCore;
using Platform.Data.Conventions;

namespace Platform.Data.DataLoaders;

/// <summary>
/// Loads entities by key for a field that holds only the key (an aggregate's level, another module's role):
/// one statement for all the keys a field asks for across a list, projected onto that field's selection.
/// Register one per entity type as scoped, with the query the viewer may see.
/// </summary>
public sealed class EntityByKeyLoader<TEntity>(Func<IQueryable<TEntity>> query, Expression<Func<TEntity, int>> key)
    : BatchLoader<(GraphQLField Field, int Key), TEntity> where TEntity : class
{
    private readonly Func<TEntity, int> readKey = key.Compile();
    private readonly Dictionary<GraphQLField, Expression<Func<TEntity, TEntity>>> projections = [];

    public IDataLoaderResult<TEntity?> Load(IResolveFieldContext context, int entityKey)
    {
        if (!projections.ContainsKey(context.FieldAst))
        {
            projections.Add(context.FieldAst, Projection.Lambda(context, Selection.Of(context), key)); // matched by key below
        }

        return Load((context.FieldAst, entityKey));
    }

    protected override async Task<IReadOnlyDictionary<(GraphQLField Field, int Key), TEntity>> FetchAsync(
        IReadOnlyList<(GraphQLField Field, int Key)> keys, CancellationToken cancellationToken)
    {
        var found = new Dictionary<(GraphQLField, int), TEntity>();
        foreach (var field in keys.GroupBy(k => k.Field))
        {
            var wanted = field.Select(k => k.Key).Distinct().ToArray();
            var contains = Expression.Lambda<Func<TEntity, bool>>(
                Expression.Call(typeof(Enumerable), nameof(Enumerable.Contains), [typeof(int)], Expression.Constant(wanted), key.Body),
                key.Parameters);
            foreach (var entity in await query().Where(contains).Select(projections[field.Key]).ToListAsync(cancellationToken))
            {
                found[(field.Key, readKey(entity))] = entity;
            }
        }

        return found;
    }
}

public static class EntityByKeyLoaderExtensions
{
    /// <summary>
    /// Registers the request's <see cref="EntityByKeyLoader{TEntity}"/> over <paramref name="set"/> of the request's
    /// <typeparamref name="TContext"/>, so a module names the set and the key, not how the scope hands out its DbContext.
    /// </summary>
    public static IServiceCollection AddEntityByKeyLoader<TContext, TEntity>(this IServiceCollection services,
        Func<TContext, IQueryable<TEntity>> set, Expression<Func<TEntity, int>> key)
        where TContext : DbContext where TEntity : class =>
        services.AddScoped(provider => new EntityByKeyLoader<TEntity>(() => set(provider.GetRequiredService<TContext>()), key));

    /// <summary>
    /// The entity of <paramref name="key"/> through the request's <see cref="EntityByKeyLoader{TEntity}"/>, projected onto
    /// the field's selection; null for a null key (a payload whose mutation did nothing, an optional reference).
    /// </summary>
    public static IDataLoaderResult<TEntity?>? LoadByKey<TEntity>(this IResolveFieldContext context, int? key) where TEntity : class =>
        key is { } id ? context.RequestServices!.GetRequiredService<EntityByKeyLoader<TEntity>>().Load(context, id) : null;
}
