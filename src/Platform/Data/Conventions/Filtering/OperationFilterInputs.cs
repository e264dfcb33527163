namespace Platform.Data.Conventions.Filtering;

/// <summary>The operation inputs of scalar fields, named and shaped as HotChocolate's.</summary>
internal static class OperationFilterInputs
{
    /// <summary>The operation input for a scalar or enum graph type, or null when the scalar is not filterable.</summary>
    public static Type? For(Type namedGraphType)
    {
        if (typeof(EnumerationGraphType).IsAssignableFrom(namedGraphType))
        {
            return typeof(EnumOperationFilterInput<>).MakeGenericType(namedGraphType);
        }

        return namedGraphType switch
        {
            _ when namedGraphType == typeof(StringGraphType) => typeof(StringOperationFilterInput),
            _ when namedGraphType == typeof(IntGraphType) => typeof(IntOperationFilterInput),
            _ when namedGraphType == typeof(LongGraphType) => typeof(LongOperationFilterInput),
            _ when namedGraphType == typeof(FloatGraphType) => typeof(FloatOperationFilterInput),
            _ when namedGraphType == typeof(DecimalGraphType) => typeof(DecimalOperationFilterInput),
            _ when namedGraphType == typeof(BooleanGraphType) => typeof(BooleanOperationFilterInput),
            _ when namedGraphType == typeof(DateTimeGraphType) || namedGraphType == typeof(DateTimeOffsetGraphType) => typeof(DateTimeOperationFilterInput),
            _ when namedGraphType == typeof(IdGraphType) => typeof(IdOperationFilterInput),
            _ => null,
        };
    }

    /// <summary>Every concrete operation input, for registration.</summary>
    public static readonly Type[] Concrete =
    [
        typeof(StringOperationFilterInput), typeof(IntOperationFilterInput), typeof(LongOperationFilterInput),
        typeof(FloatOperationFilterInput), typeof(DecimalOperationFilterInput), typeof(BooleanOperationFilterInput),
        typeof(DateTimeOperationFilterInput), typeof(IdOperationFilterInput),
    ];
}

internal sealed class StringOperationFilterInput : InputObjectGraphType
{
    public StringOperationFilterInput()
    {
        Name = "StringOperationFilterInput";
        AddField(new FieldType { Name = "and", Type = typeof(ListGraphType<NonNullGraphType<StringOperationFilterInput>>) });
        AddField(new FieldType { Name = "or", Type = typeof(ListGraphType<NonNullGraphType<StringOperationFilterInput>>) });
        foreach (var name in (string[])["eq", "neq", "contains", "ncontains", "startsWith", "nstartsWith", "endsWith", "nendsWith"])
        {
            AddField(new FieldType { Name = name, Type = typeof(StringGraphType) });
        }

        AddField(new FieldType { Name = "in", Type = typeof(ListGraphType<StringGraphType>) });
        AddField(new FieldType { Name = "nin", Type = typeof(ListGraphType<StringGraphType>) });

        // Beyond HotChocolate: case-insensitive matching that still runs in SQL (lower() on both sides, LIKE with
        // escaped wildcards), so `%` and `_` in the text are matched literally.
        AddField(new FieldType { Name = "ieq", Type = typeof(StringGraphType), Description = "Equal, ignoring case." });
        AddField(new FieldType { Name = "icontains", Type = typeof(StringGraphType), Description = "Contains, ignoring case." });
        AddField(new FieldType { Name = "istartsWith", Type = typeof(StringGraphType), Description = "Starts with, ignoring case." });
        AddField(new FieldType { Name = "iendsWith", Type = typeof(StringGraphType), Description = "Ends with, ignoring case." });
    }
}

/// <summary><c>eq neq in nin gt ngt gte ngte lt nlt lte nlte</c> over one comparable scalar.</summary>
internal abstract class ComparableOperationFilterInput : InputObjectGraphType
{
    protected ComparableOperationFilterInput(string scalarName, Type scalar)
    {
        Name = scalarName + "OperationFilterInput";
        foreach (var name in (string[])["eq", "neq", "gt", "ngt", "gte", "ngte", "lt", "nlt", "lte", "nlte"])
        {
            AddField(new FieldType { Name = name, Type = scalar });
        }

        AddField(new FieldType { Name = "in", Type = typeof(ListGraphType<>).MakeGenericType(scalar) });
        AddField(new FieldType { Name = "nin", Type = typeof(ListGraphType<>).MakeGenericType(scalar) });
    }
}

internal sealed class IntOperationFilterInput() : ComparableOperationFilterInput("Int", typeof(IntGraphType));

internal sealed class LongOperationFilterInput() : ComparableOperationFilterInput("Long", typeof(LongGraphType));

internal sealed class FloatOperationFilterInput() : ComparableOperationFilterInput("Float", typeof(FloatGraphType));

internal sealed class DecimalOperationFilterInput() : ComparableOperationFilterInput("Decimal", typeof(DecimalGraphType));

internal sealed class DateTimeOperationFilterInput() : ComparableOperationFilterInput("DateTime", typeof(DateTimeGraphType));

/// <summary>
/// <c>IdOperationFilterInput { eq neq in nin }</c> over a Node's global ids, as HotChocolate's: the ids are decoded
/// to the key they encode, and must be ids of the filtered type.
/// </summary>
internal sealed class IdOperationFilterInput : InputObjectGraphType
{
    public IdOperationFilterInput()
    {
        Name = "IdOperationFilterInput";
        AddField(new FieldType { Name = "eq", Type = typeof(IdGraphType) });
        AddField(new FieldType { Name = "neq", Type = typeof(IdGraphType) });
        AddField(new FieldType { Name = "in", Type = typeof(ListGraphType<IdGraphType>) });
        AddField(new FieldType { Name = "nin", Type = typeof(ListGraphType<IdGraphType>) });
    }
}

internal sealed class BooleanOperationFilterInput : InputObjectGraphType
{
    public BooleanOperationFilterInput()
    {
        Name = "BooleanOperationFilterInput";
        AddField(new FieldType { Name = "eq", Type = typeof(BooleanGraphType) });
        AddField(new FieldType { Name = "neq", Type = typeof(BooleanGraphType) });
    }
}

/// <summary><c>{Enum}OperationFilterInput { eq neq in nin }</c>.</summary>
internal sealed class EnumOperationFilterInput<TEnumGraphType> : InputObjectGraphType
    where TEnumGraphType : EnumerationGraphType
{
    public EnumOperationFilterInput(IServiceProvider services)
    {
        Name = ConventionMembers.Instance<TEnumGraphType>(services).Name + "OperationFilterInput";
        AddField(new FieldType { Name = "eq", Type = typeof(TEnumGraphType) });
        AddField(new FieldType { Name = "neq", Type = typeof(TEnumGraphType) });
        AddField(new FieldType { Name = "in", Type = typeof(ListGraphType<NonNullGraphType<TEnumGraphType>>) });
        AddField(new FieldType { Name = "nin", Type = typeof(ListGraphType<NonNullGraphType<TEnumGraphType>>) });
    }
}
