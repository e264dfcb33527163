using System.Linq.Expressions;
using GraphQL.Types;
using Platform.Data.Conventions;

namespace Platform.Data.Relay;

public static class NodeGraphTypeExtensions
{
    /// <summary>Makes the type a <c>Node</c> whose <c>id</c> is the global id of its key.</summary>
    public static void ImplementsNode<TSource>(this ObjectGraphType<TSource> type, Expression<Func<TSource, int>> key)
    {
        var read = key.Compile();
        type.Interface<NodeInterface>();
        type.IsTypeOf = source => source is TSource;
        type.Field<NonNullGraphType<IdGraphType>>("id")
            .Description($"The global id of the {type.Name}.")
            .Resolve(context => GlobalId.Encode(type.Name, read(context.Source)))
            .DependsOn(Expression.Lambda<Func<TSource, object?>>(Expression.Convert(key.Body, typeof(object)), key.Parameters));
    }
}
