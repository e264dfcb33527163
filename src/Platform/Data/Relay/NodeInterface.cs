namespace Platform.Data.Relay;

/// <summary><c>interface Node { id: ID! }</c>: every entity type implements it.</summary>
internal sealed class NodeInterface : InterfaceGraphType
{
    public NodeInterface()
    {
        Name = "Node";
        Description = "An object with a global, opaque id.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("The global id of the object.");
    }
}
