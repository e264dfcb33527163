using Platform.Data.Execution;
using System.Linq.Expressions;
using Platform.Data.Conventions;

namespace Platform.Data.Relay;

/// <summary>
/// An object type that is a <c>Node</c>: its first field is <c>id</c>, the global id of its key. Every entity type
/// starts this way, so the start is written once here.
/// </summary>
public abstract class NodeGraphType<TSource> : ObjectGraphType<TSource>
{
    protected NodeGraphType(Expression<Func<TSource, int>> key)
    {
        // Name is already the engine's (the class name without "Type"): the id's type part and description use it.
        var read = key.Compile();
        Interface<NodeInterface>();
        IsTypeOf = source => source is TSource;
        var id = Field<NonNullGraphType<IdGraphType>>("id")
            .Description($"The global id of the {Name}.")
            .ResolveFromSource(source => GlobalId.Encode(Name, read(source)))
            .DependsOn(Expression.Lambda<Func<TSource, object?>>(Expression.Convert(key.Body, typeof(object)), key.Parameters));
        ConventionMembers.GlobalIdKeyEntry.Set(id, key); // `where: { id: ... }` and `order: [{ id: ... }]` compare the key
    }

    protected NodeGraphType(string description, Expression<Func<TSource, int>> key)
        : this(key)
    {
        Description = description;
    }
}
