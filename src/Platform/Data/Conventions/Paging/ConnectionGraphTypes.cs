using Platform.Data.Execution;

namespace Platform.Data.Conventions.Paging;

internal sealed class PageInfoGraphType : ObjectGraphType<PageInfo>
{
    public PageInfoGraphType()
    {
        Name = "PageInfo";
        Description = "Information about pagination in a connection.";
        Field(p => p.HasNextPage).Description("Whether more edges exist after the last one of this page.");
        Field(p => p.HasPreviousPage).Description("Whether more edges exist before the first one of this page.");
        Field(p => p.StartCursor, nullable: true).Description("The cursor of the first edge of this page.");
        Field(p => p.EndCursor, nullable: true).Description("The cursor of the last edge of this page.");
    }
}

/// <summary>
/// <c>XsConnection</c>, named after its node type (<c>RoleType</c> gives <c>RolesConnection</c>, what HotChocolate
/// calls the connection of a field <c>roles</c>), so that every field listing one type shares one connection type.
/// </summary>
internal sealed class ConnectionGraphType<TNode, TNodeGraphType> : ObjectGraphType<Connection<TNode>>
    where TNodeGraphType : IGraphType
{
    public ConnectionGraphType()
    {
        var prefix = Prefix(typeof(TNodeGraphType));
        Name = prefix + "Connection";
        Description = "A connection to a list of items.";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<EdgeGraphType<TNode, TNodeGraphType>>>>>("edges")
            .Description("A list of edges.")
            .ResolveFromSource(source => source.Edges);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TNodeGraphType>>>>("nodes")
            .Description("A flattened list of the nodes.")
            .ResolveFromSource(source => source.Nodes);
        Field<NonNullGraphType<PageInfoGraphType>>("pageInfo")
            .Description("Information to aid in pagination.")
            .ResolveFromSource(source => source.PageInfo);
        Field<NonNullGraphType<IntGraphType>>("totalCount")
            .Description("The number of items the connection holds, whatever the page.")
            .ResolveFromSource(source => source.TotalCount);
    }

    internal static string Prefix(Type nodeGraphType)
    {
        var name = nodeGraphType.Name;
        name = name.EndsWith("GraphType", StringComparison.Ordinal) ? name[..^"GraphType".Length]
            : name.EndsWith("Type", StringComparison.Ordinal) ? name[..^"Type".Length] : name;
        return name + "s";
    }
}

internal sealed class EdgeGraphType<TNode, TNodeGraphType> : ObjectGraphType<Edge<TNode>>
    where TNodeGraphType : IGraphType
{
    public EdgeGraphType()
    {
        Name = ConnectionGraphType<TNode, TNodeGraphType>.Prefix(typeof(TNodeGraphType)) + "Edge";
        Description = "An edge in a connection.";
        Field<NonNullGraphType<StringGraphType>>("cursor").Description("A cursor for use in pagination.").ResolveFromSource(source => source.Cursor);
        Field<NonNullGraphType<TNodeGraphType>>("node").Description("The item at the end of the edge.").ResolveFromSource(source => source.Node);
    }
}
