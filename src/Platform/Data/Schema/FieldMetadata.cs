using GraphQL.Builders;

namespace Platform.Data.Schema;

/// <summary>
/// One entry of a field's metadata, of one type under one key: a field builder extension sets it (<c>Cost</c>,
/// <c>DependsOn</c>, <c>NotSortable</c>) and the convention or rule that reads it asks here, so that writing and
/// reading share the key and the type.
/// </summary>
public sealed class FieldMetadata<T>(string key)
{
    public FieldType Set(FieldType field, T value)
    {
        field.Metadata[key] = value;
        return field;
    }

    public FieldBuilder<TSource, TReturn> Set<TSource, TReturn>(FieldBuilder<TSource, TReturn> field, T value)
    {
        Set(field.FieldType, value);
        return field;
    }

    public bool IsSet(FieldType field) => field.Metadata.ContainsKey(key);

    /// <summary>The field's value, or <paramref name="absent"/> when it has none.</summary>
    public T Get(FieldType field, T absent) => field.Metadata.TryGetValue(key, out var value) ? (T)value! : absent;
}
