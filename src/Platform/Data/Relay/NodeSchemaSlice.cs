using Platform.Data.Schema;

namespace Platform.Data.Relay;

/// <summary><c>node(id:)</c> and <c>nodes(ids:)</c> over every registered <see cref="NodeSource"/>.</summary>
internal sealed class NodeSchemaSlice(IEnumerable<NodeSource> sources) : ISchemaSlice
{
    private readonly Dictionary<string, NodeSource> byType = sources.ToDictionary(s => s.TypeName);

    public void AddQueryFields(ObjectGraphType query)
    {
        query.Field<NodeInterface>("node")
            .Description("Fetches an object given its global id.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async context =>
            {
                var id = context.GetArgument<string>("id");
                var found = await LoadAsync(context, [id], inList: false);
                return found[0];
            });

        query.Field<NonNullGraphType<ListGraphType<NodeInterface>>>("nodes")
            .Description("Fetches objects given their global ids, in the order given; null where an id finds nothing.")
            .Argument<NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>>("ids")
            .ResolveAsync(async context => await LoadAsync(context, context.GetArgument<string[]>("ids"), inList: true));
    }

    // One statement per type asked for, whatever the number of ids. An id that is garbage, of an unknown type
    // or of nothing that exists answers null with an error naming it, never an exception.
    private async Task<object?[]> LoadAsync(IResolveFieldContext context, IReadOnlyList<string> ids, bool inList)
    {
        var decoded = ids.Select(id => GlobalId.TryDecode(id, out var type, out var key) && byType.ContainsKey(type) ? (type, key) : ((string, int)?)null).ToArray();
        var loaded = new Dictionary<(string, int), object>();
        foreach (var group in decoded.OfType<(string Type, int Key)>().GroupBy(d => d.Type))
        {
            var found = await byType[group.Key].LoadAsync(context, group.Select(g => g.Key).Distinct().ToArray());
            foreach (var (key, value) in found)
            {
                loaded[(group.Key, key)] = value;
            }
        }

        var results = new object?[ids.Count];
        for (var i = 0; i < ids.Count; i++)
        {
            if (decoded[i] is not { } wanted)
            {
                context.Errors.Add(At(context, new ExecutionError($"'{ids[i]}' is not a valid id.") { Code = "INVALID_ID" }, inList ? i : null));
            }
            else if (!loaded.TryGetValue(wanted, out results[i]))
            {
                context.Errors.Add(At(context, new ExecutionError($"No object has the id '{ids[i]}'.") { Code = "NOT_FOUND" }, inList ? i : null));
            }
        }

        return results;
    }

    // A field error names where it is (the spec's `path` and `locations`): the field, and in a list the null item.
    private static ExecutionError At(IResolveFieldContext context, ExecutionError error, int? index)
    {
        error.AddLocation(context.FieldAst, context.Document);
        error.Path = index is { } item ? [.. context.ResponsePath, item] : context.ResponsePath.ToList();
        return error;
    }
}
