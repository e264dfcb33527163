using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Platform.Data.Conventions.Sorting;

namespace Platform.Data.Conventions.Paging;

/// <summary>
/// A keyset (seek) cursor: the values of every sort key of an edge, with the connection's name and a
/// fingerprint of the ordering, so that a cursor of another list or another order is refused instead of
/// misread. Seeking past it is a WHERE on the sort keys: a deep page costs what the first one does.
/// </summary>
internal sealed class KeysetCursor(string connection, IReadOnlyList<(LambdaExpression Key, SortDirection Direction)> keys)
{
    private readonly string fingerprint = Fingerprint(keys);

    public string Encode(object?[] values) => Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(new Payload(connection, fingerprint, values)));

    /// <summary>The key values a cursor carries; an <see cref="ExecutionError"/> for anything that is not a cursor of this list and order.</summary>
    public object?[] Decode(string cursor, string argument)
    {
        try
        {
            var payload = JsonSerializer.Deserialize<Payload>(Convert.FromBase64String(cursor));
            if (payload is not null && payload.C == connection && payload.S == fingerprint && payload.V is { } values && values.Length == keys.Count)
            {
                return values.Select((value, i) => value is JsonElement element ? element.Deserialize(keys[i].Key.ReturnType) : null).ToArray();
            }
        }
        catch (Exception exception) when (exception is FormatException or JsonException or NotSupportedException or InvalidOperationException or ArgumentException)
        {
            // fall through to the one answer for every bad cursor
        }

        throw new ExecutionError($"'{argument}' is not a cursor of '{connection}' in this order; take cursors from the same field with the same 'order'.")
        {
            Code = "CURSOR_INVALID",
        };
    }

    /// <summary>
    /// Rows strictly beyond <paramref name="values"/> in the order of the keys (<paramref name="reversed"/>: in the
    /// opposite order): (k1 beyond v1) or (k1 = v1 and k2 beyond v2) or ... SQLite sorts NULL before any value.
    /// </summary>
    public Expression<Func<T, bool>> Beyond<T>(object?[] values, bool reversed)
    {
        var item = Expression.Parameter(typeof(T), "x");
        Expression? any = null;
        Expression? equalSoFar = null;
        for (var i = 0; i < keys.Count; i++)
        {
            var key = Lambdas.Inline(keys[i].Key, item);
            var value = Parameter(values[i], key.Type);
            var ascending = (keys[i].Direction == SortDirection.Ascending) != reversed;
            var beyond = ascending ? After(key, value, values[i] is null) : Before(key, value, values[i] is null);
            var term = equalSoFar is null ? beyond : Expression.AndAlso(equalSoFar, beyond);
            any = any is null ? term : Expression.OrElse(any, term);
            var equal = Expression.Equal(key, value);
            equalSoFar = equalSoFar is null ? equal : Expression.AndAlso(equalSoFar, equal);
        }

        return Expression.Lambda<Func<T, bool>>(any ?? Expression.Constant(true), item);
    }

    private static Expression After(Expression key, Expression value, bool valueIsNull)
    {
        if (valueIsNull)
        {
            return CanBeNull(key.Type) ? Expression.NotEqual(key, Expression.Constant(null, key.Type)) : Expression.Constant(true);
        }

        return Greater(key, value);
    }

    private static Expression Before(Expression key, Expression value, bool valueIsNull)
    {
        if (valueIsNull)
        {
            return Expression.Constant(false);
        }

        var less = Greater(value, key);
        return CanBeNull(key.Type) ? Expression.OrElse(less, Expression.Equal(key, Expression.Constant(null, key.Type))) : less;
    }

    // a > b for the types a sort key can have: strings through string.Compare (EF Core translates it to `>`),
    // booleans as false < true, enums by their number, everything else by its operator.
    private static Expression Greater(Expression a, Expression b)
    {
        var type = Nullable.GetUnderlyingType(a.Type) ?? a.Type;
        if (type == typeof(string))
        {
            return Expression.GreaterThan(Expression.Call(typeof(string), nameof(string.Compare), null, a, b), Expression.Constant(0));
        }

        if (type == typeof(bool))
        {
            return Expression.AndAlso(Expression.Equal(a, Expression.Constant(true, a.Type)), Expression.Equal(b, Expression.Constant(false, b.Type)));
        }

        if (type.IsEnum)
        {
            var number = a.Type == type ? Enum.GetUnderlyingType(type) : typeof(Nullable<>).MakeGenericType(Enum.GetUnderlyingType(type));
            return Expression.GreaterThan(Expression.Convert(a, number), Expression.Convert(b, number));
        }

        return Expression.GreaterThan(a, b);
    }

    private static bool CanBeNull(Type type) => !type.IsValueType || Nullable.GetUnderlyingType(type) is not null;

    // A captured value, so that EF Core sends a parameter and caches one plan for every page.
    private static Expression Parameter(object? value, Type type)
    {
        var box = Activator.CreateInstance(typeof(StrongBox<>).MakeGenericType(type), value)!;
        return Expression.Field(Expression.Constant(box), nameof(StrongBox<object>.Value));
    }

    private static string Fingerprint(IReadOnlyList<(LambdaExpression Key, SortDirection Direction)> keys) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join(";", keys.Select(k => $"{k.Key.Body}:{k.Direction}")))))[..16];

    private sealed record Payload(string C, string S, object?[] V);
}
