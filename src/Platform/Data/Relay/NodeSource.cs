using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Platform.Data.Conventions;

namespace Platform.Data.Relay;

/// <summary>How <c>node</c>/<c>nodes</c> find the objects of one type: a query the viewer may see, keyed by int.</summary>
public abstract class NodeSource
{
    public abstract string TypeName { get; }

    internal abstract Task<IReadOnlyDictionary<int, object>> LoadAsync(IResolveFieldContext context, IReadOnlyCollection<int> keys);
}

internal sealed class NodeSource<TEntity>(string typeName, Func<IResolveFieldContext, IQueryable<TEntity>> query, Expression<Func<TEntity, int>> key)
    : NodeSource where TEntity : class
{
    private readonly Func<TEntity, int> readKey = key.Compile();

    public override string TypeName => typeName;

    internal override async Task<IReadOnlyDictionary<int, object>> LoadAsync(IResolveFieldContext context, IReadOnlyCollection<int> keys)
    {
        var graphType = (IObjectGraphType)context.Schema.AllTypes[typeName]!;
        var selection = Selection.Of(context, graphType, [context.FieldAst]);
        var containsKey = Expression.Lambda<Func<TEntity, bool>>(
            Expression.Call(typeof(Enumerable), nameof(Enumerable.Contains), [typeof(int)], Expression.Constant(keys.ToArray()), key.Body),
            key.Parameters);
        var found = await query(context).Where(containsKey).Project(context, selection, key).ToListAsync(context.CancellationToken);
        return found.ToDictionary(readKey, e => (object)e);
    }
}

public static class NodeSourceServiceCollectionExtensions
{
    /// <summary>Lets <c>node(id:)</c> find objects of <paramref name="typeName"/> in <paramref name="query"/>.</summary>
    public static IServiceCollection AddNodeSource<TEntity>(this IServiceCollection services, string typeName,
        Func<IResolveFieldContext, IQueryable<TEntity>> query, Expression<Func<TEntity, int>> key) where TEntity : class
    {
        services.AddSingleton<NodeSource>(new NodeSource<TEntity>(typeName, query, key));
        return services;
    }
}
