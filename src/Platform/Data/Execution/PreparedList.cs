using System.Collections;
using System.Text.Json;
using System.Text.Json.Serialization;
using GraphQL.Resolvers;
using ExecutionContext = GraphQL.Execution.ExecutionContext;

namespace Platform.Data.Execution;

/// <summary>
/// A list completed by a <see cref="PureDataPlan"/>: every value below it read and serialized by its scalar type
/// while the request executes, kept in one flat sequence in plan order, then written as JSON by the response's own
/// serializer (so its options and encoder apply). The engine's node for the list holds it as its serialized result,
/// which the serializer writes as an array of <see cref="PreparedItem"/>s.
/// </summary>
internal sealed class PreparedList : IEnumerable
{
    // Every value in plan order: a scalar's serialized value, null, or a marker that an object or a list starts.
    private readonly List<object?> values;

    // The length of every list below the items, in plan order.
    private readonly List<int> counts;

    private readonly List<PreparedItem> items;

    private readonly ResolveFieldContext context;

    private PreparedList(ExecutionContext execution, PureDataPlan item)
    {
        Item = item;
        (values, counts, items) = (new(item.SizeHint.Values), new(item.SizeHint.Counts), new(item.SizeHint.Items));
        // The one context the context-reading resolvers get: they read its source and field, nothing else.
        context = new ResolveFieldContext { Schema = execution.Schema, Document = execution.Document, Operation = execution.Operation };
    }

    internal PureDataPlan Item { get; }

    private static readonly object ObjectStart = new();
    private static readonly object ListStart = new();

    /// <summary>
    /// Reads and serializes <paramref name="list"/> by <paramref name="item"/>'s plan, or returns null where the
    /// general path must run instead: a null in a non-null position, a value its type refuses, a resolver that
    /// throws or does not complete at once. The general path then reports it exactly as it always has; the plan's
    /// resolvers read only their sources, so reading them twice changes nothing.
    /// </summary>
    public static PreparedList? TryCapture(ExecutionContext execution, PureDataPlan item, IEnumerable list)
    {
        var prepared = new PreparedList(execution, item);
        try
        {
            foreach (var value in list)
            {
                prepared.items.Add(new PreparedItem(prepared, prepared.values.Count, prepared.counts.Count));
                if (!prepared.Capture(item, value))
                {
                    return null;
                }
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return null;
        }

        item.SizeHint = (prepared.values.Count, prepared.counts.Count, prepared.items.Count);
        return prepared;
    }

    public IEnumerator GetEnumerator() => items.GetEnumerator();

    private bool Capture(PureDataPlan plan, object? value)
    {
        if (value is null)
        {
            values.Add(null);
            return !plan.NonNull;
        }

        switch (plan)
        {
            case ScalarPlan scalar:
                var serialized = scalar.Type.Serialize(value);
                values.Add(serialized);
                return serialized is not null || !plan.NonNull;
            case ObjectPlan objectPlan:
                if (!objectPlan.Accepts(value))
                {
                    return false;
                }

                values.Add(ObjectStart);
                foreach (var field in objectPlan.Fields)
                {
                    if (!TryRead(objectPlan, field, value, out var fieldValue) || !Capture(field.Value, fieldValue))
                    {
                        return false;
                    }
                }

                return true;
            case ListPlan listPlan:
                if (!ListPlan.IsList(value))
                {
                    return false;
                }

                values.Add(ListStart);
                var countAt = counts.Count;
                counts.Add(0);
                var count = 0;
                foreach (var item in (IEnumerable)value)
                {
                    count++;
                    if (!Capture(listPlan.Item, item))
                    {
                        return false;
                    }
                }

                counts[countAt] = count;
                return true;
            default:
                return false;
        }
    }

    private bool TryRead(ObjectPlan objectPlan, FieldPlan field, object source, out object? value)
    {
        switch (field.Read)
        {
            case FieldRead.TypeName:
                value = objectPlan.Type.Name;
                return true;
            case FieldRead.Source:
                value = ((ISourceResolver)field.Definition.Resolver!).Read(source);
                return value is not GraphQL.DataLoader.IDataLoaderResult;
            default:
                context.Source = source;
                context.FieldDefinition = field.Definition;
                context.FieldAst = field.Field;
                context.ParentType = objectPlan.Type;
                var resolved = (field.Definition.Resolver ?? NameFieldResolver.Instance).ResolveAsync(context);
                value = resolved.IsCompletedSuccessfully ? resolved.Result : null;
                return resolved.IsCompletedSuccessfully && value is not GraphQL.DataLoader.IDataLoaderResult and not Task;
        }
    }

    /// <summary>Writes the value that starts at <paramref name="cursor"/>, by <paramref name="plan"/>, and moves past it.</summary>
    internal void Write(Utf8JsonWriter writer, PureDataPlan plan, ref Cursor cursor, JsonSerializerOptions options)
    {
        var value = values[cursor.Value++];
        if (value is null)
        {
            writer.WriteNullValue();
            return;
        }

        switch (plan)
        {
            case ObjectPlan objectPlan:
                writer.WriteStartObject();
                foreach (var field in objectPlan.Fields)
                {
                    writer.WritePropertyName(options.PropertyNamingPolicy?.ConvertName(field.Key) ?? field.Key);
                    Write(writer, field.Value, ref cursor, options);
                }

                writer.WriteEndObject();
                break;
            case ListPlan listPlan:
                var count = counts[cursor.Count++];
                writer.WriteStartArray();
                for (var i = 0; i < count; i++)
                {
                    Write(writer, listPlan.Item, ref cursor, options);
                }

                writer.WriteEndArray();
                break;
            default:
                WriteScalar(writer, value, options);
                break;
        }
    }

    // What the engine's serializer does with a completed scalar (JsonSerializer.Serialize of the object), with the
    // common types written directly.
    private static void WriteScalar(Utf8JsonWriter writer, object value, JsonSerializerOptions options)
    {
        switch (value)
        {
            case string text:
                writer.WriteStringValue(text);
                break;
            case int number:
                writer.WriteNumberValue(number);
                break;
            case bool flag:
                writer.WriteBooleanValue(flag);
                break;
            default:
                JsonSerializer.Serialize(writer, value, value.GetType(), options);
                break;
        }
    }

    internal struct Cursor(int value, int count)
    {
        public int Value = value;
        public int Count = count;
    }
}

/// <summary>One item of a <see cref="PreparedList"/>, as the serializer meets it inside the list's array.</summary>
[JsonConverter(typeof(PreparedItemJsonConverter))]
internal sealed class PreparedItem(PreparedList list, int valueAt, int countAt)
{
    public void Write(Utf8JsonWriter writer, JsonSerializerOptions options)
    {
        var cursor = new PreparedList.Cursor(valueAt, countAt);
        list.Write(writer, list.Item, ref cursor, options);
    }
}

internal sealed class PreparedItemJsonConverter : JsonConverter<PreparedItem>
{
    public override PreparedItem Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("A prepared list is written, never read.");

    public override void Write(Utf8JsonWriter writer, PreparedItem value, JsonSerializerOptions options) => value.Write(writer, options);
}
