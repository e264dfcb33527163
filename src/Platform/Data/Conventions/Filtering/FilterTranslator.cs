using System.Collections;
using System.Globalization;
using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Platform.Data.Relay;

namespace Platform.Data.Conventions.Filtering;

/// <summary>
/// Turns a <c>where</c> value (GraphQL.NET hands input objects over as dictionaries) into a predicate built only
/// from what EF Core translates: member access, comparisons, <c>Contains</c>/<c>StartsWith</c>/<c>EndsWith</c>,
/// <c>Enumerable.Any/All/Contains</c>, <c>ToLower</c> and <c>EF.Functions.Like</c>. Values go in as parameters
/// (fields of a <see cref="StrongBox{T}"/>), not as literals, so SQL text and EF's query cache do not vary with them.
/// </summary>
internal static class FilterTranslator
{
    private const char LikeEscape = '\\';

    private static readonly MethodInfo StringContains = typeof(string).GetMethod(nameof(string.Contains), [typeof(string)])!;
    private static readonly MethodInfo StringSubstring = typeof(string).GetMethod(nameof(string.Substring), [typeof(int), typeof(int)])!;
    private static readonly PropertyInfo StringLength = typeof(string).GetProperty(nameof(string.Length))!;
    private static readonly MethodInfo StringToLower = typeof(string).GetMethod(nameof(string.ToLower), Type.EmptyTypes)!;
    private static readonly MethodInfo Like = typeof(DbFunctionsExtensions).GetMethod(nameof(DbFunctionsExtensions.Like),
        [typeof(DbFunctions), typeof(string), typeof(string), typeof(string)])!;
    private static readonly MethodInfo EnumerableContains = Generic(typeof(Enumerable), nameof(Enumerable.Contains), 2);
    private static readonly MethodInfo EnumerableAnyPredicate = Generic(typeof(Enumerable), nameof(Enumerable.Any), 2);
    private static readonly MethodInfo EnumerableAny = Generic(typeof(Enumerable), nameof(Enumerable.Any), 1);
    private static readonly MethodInfo EnumerableAll = Generic(typeof(Enumerable), nameof(Enumerable.All), 2);

    public static Expression<Func<T, bool>> Predicate<T>(IFilterInputType type, IDictionary<string, object?> value) =>
        (Expression<Func<T, bool>>)Predicate(typeof(T), type, value);

    public static LambdaExpression Predicate(Type itemType, IFilterInputType type, IDictionary<string, object?> value)
    {
        var item = Expression.Parameter(itemType, "x");
        return Expression.Lambda(typeof(Func<,>).MakeGenericType(itemType, typeof(bool)), Object(type, item, value), item);
    }

    private static Expression Object(IFilterInputType type, Expression instance, IDictionary<string, object?> value)
    {
        var parts = new List<Expression>();
        foreach (var (name, argument) in value)
        {
            if (argument is null)
            {
                continue; // `title: null` states no condition, as an absent field does
            }

            parts.Add(name switch
            {
                "and" => All(Items(argument, name).Select(item => Object(type, instance, item))),
                "or" => AnyOf(Items(argument, name).Select(item => Object(type, instance, item))),
                _ => Member(type, name, instance, Dictionary(argument, name)),
            });
        }

        return All(parts);
    }

    private static Expression Member(IFilterInputType type, string name, Expression instance, IDictionary<string, object?> value)
    {
        var member = type.Members[name];
        var access = ConventionMembers.Inline(member.Access, instance);
        var nested = type.GetField(name)!.ResolvedType!;
        switch (member.Kind)
        {
            case MemberKind.Object:
                // The null check keeps an optional navigation from matching by accident; for a required one EF drops it.
                return Expression.AndAlso(
                    Expression.NotEqual(access, Expression.Constant(null, access.Type)),
                    Object((IFilterInputType)nested, access, value));
            case MemberKind.List:
                var elementType = (IFilterInputType)((IInputObjectGraphType)nested).GetField("some")!.ResolvedType!;
                return List(member.ElementType!, access, value, (item, test) => Object(elementType, item, test));
            case MemberKind.ScalarList:
                // EF Core reads a primitive collection as a table of its elements (json_each over SQLite's JSON
                // column, unnest over PostgreSQL's array), so each element is tested with the scalar's own operations,
                // in SQL, the same way on both.
                return List(member.ElementType!, access, value, Operations);
            default:
                return Operations(access, member.GlobalIdType is { } typeName ? Keys(value, typeName) : value);
        }
    }

    // The column holds the key; the client holds global ids. An id that is malformed or of another type is the
    // client's mistake, refused as node(id:) refuses it (INVALID_ID), never compared as if it named nothing.
    private static Dictionary<string, object?> Keys(IDictionary<string, object?> ids, string typeName)
    {
        var keys = new Dictionary<string, object?>(ids.Count);
        foreach (var (name, argument) in ids)
        {
            keys[name] = argument switch
            {
                null => null,
                IEnumerable list and not string => Items<object?>(list, name).Select(id => id is null ? null : (object?)KeyOf(id, typeName)).ToList(),
                _ => KeyOf(argument, typeName),
            };
        }

        return keys;
    }

    private static int KeyOf(object id, string typeName)
    {
        var text = System.Convert.ToString(id, CultureInfo.InvariantCulture);
        if (!GlobalId.TryDecode(text, out var type, out var key))
        {
            throw new ExecutionError($"'{text}' is not a valid id.") { Code = "INVALID_ID" };
        }

        return type == typeName
            ? key
            : throw new ExecutionError($"'{text}' is the id of a {type}, not of a {typeName}.") { Code = "INVALID_ID" };
    }

    private static Expression List(Type element, Expression list, IDictionary<string, object?> value, Func<Expression, IDictionary<string, object?>, Expression> test)
    {
        var parts = new List<Expression>();
        foreach (var (name, argument) in value)
        {
            if (argument is null)
            {
                continue;
            }

            if (name == "any")
            {
                var any = Expression.Call(EnumerableAny.MakeGenericMethod(element), list);
                parts.Add((bool)argument ? any : Expression.Not(any));
                continue;
            }

            var item = Expression.Parameter(element, "e");
            var predicate = Expression.Lambda(test(item, Dictionary(argument, name)), item);
            parts.Add(name switch
            {
                "some" => Expression.Call(EnumerableAnyPredicate.MakeGenericMethod(element), list, predicate),
                "none" => Expression.Not(Expression.Call(EnumerableAnyPredicate.MakeGenericMethod(element), list, predicate)),
                "all" => Expression.Call(EnumerableAll.MakeGenericMethod(element), list, predicate),
                _ => throw new InvalidOperationException($"Unknown list operation '{name}'."),
            });
        }

        return All(parts);
    }

    private static Expression Operations(Expression field, IDictionary<string, object?> value)
    {
        var parts = new List<Expression>();
        foreach (var (name, argument) in value)
        {
            switch (name)
            {
                case "and":
                    if (argument is not null)
                    {
                        parts.Add(All(Items(argument, name).Select(item => Operations(field, item))));
                    }

                    break;
                case "or":
                    if (argument is not null)
                    {
                        parts.Add(AnyOf(Items(argument, name).Select(item => Operations(field, item))));
                    }

                    break;
                case "eq":
                    parts.Add(Equal(field, argument));
                    break;
                case "neq":
                    parts.Add(Expression.Not(Equal(field, argument)));
                    break;
                case "in":
                    parts.Add(In(field, Required(argument, name), name));
                    break;
                case "nin":
                    parts.Add(Expression.Not(In(field, Required(argument, name), name)));
                    break;
                case "gt" or "ngt" or "gte" or "ngte" or "lt" or "nlt" or "lte" or "nlte":
                    parts.Add(Compare(field, name, Parameter(Convert(Required(argument, name), field.Type), field.Type)));
                    break;
                case "contains" or "ncontains":
                    parts.Add(Negate(name[0] == 'n', Expression.Call(field, StringContains, Text(argument, name))));
                    break;
                case "startsWith" or "nstartsWith":
                    parts.Add(Negate(name[0] == 'n', Affix(field, (string)Required(argument, name), atStart: true)));
                    break;
                case "endsWith" or "nendsWith":
                    parts.Add(Negate(name[0] == 'n', Affix(field, (string)Required(argument, name), atStart: false)));
                    break;
                case "ieq":
                    parts.Add(Expression.Equal(Lower(field), Parameter(LowerText(argument, name), typeof(string))));
                    break;
                case "icontains":
                    parts.Add(LikeLower(field, $"%{EscapeLike(LowerText(argument, name))}%"));
                    break;
                case "istartsWith":
                    parts.Add(LikeLower(field, $"{EscapeLike(LowerText(argument, name))}%"));
                    break;
                case "iendsWith":
                    parts.Add(LikeLower(field, $"%{EscapeLike(LowerText(argument, name))}"));
                    break;
                default:
                    throw new InvalidOperationException($"Unknown filter operation '{name}'.");
            }
        }

        return All(parts);
    }

    private static Expression Equal(Expression field, object? argument)
    {
        if (argument is not null)
        {
            return Expression.Equal(field, Parameter(Convert(argument, field.Type), field.Type));
        }

        // `eq: null` asks for missing values; a column that cannot be null has none.
        return field.Type.IsValueType && Nullable.GetUnderlyingType(field.Type) is null
            ? Expression.Constant(false)
            : Expression.Equal(field, Expression.Constant(null, field.Type));
    }

    private static Expression In(Expression field, object argument, string name)
    {
        var values = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(field.Type))!;
        var canBeNull = !field.Type.IsValueType || Nullable.GetUnderlyingType(field.Type) is not null;
        foreach (var item in Items<object?>(argument, name))
        {
            if (item is not null || canBeNull)
            {
                values.Add(item is null ? null : Convert(item, field.Type)); // a null never equals a non-null column
            }
        }

        return Expression.Call(EnumerableContains.MakeGenericMethod(field.Type), Parameter(values, values.GetType()), field);
    }

    // Not string.StartsWith/EndsWith: EF Core's SQLite provider turns those into LIKE, which ignores ASCII case, so
    // `startsWith: "Guide"` would match "guide". Comparing the leading or trailing substring with `=` is
    // case-sensitive on SQLite and PostgreSQL alike (substr/substring and length translate on both).
    private static Expression Affix(Expression field, string text, bool atStart)
    {
        var length = Parameter(text.Length, typeof(int));
        var fieldLength = Expression.Property(field, StringLength);
        var start = atStart ? (Expression)Expression.Constant(0) : Expression.Subtract(fieldLength, length);
        return Expression.AndAlso(
            Expression.GreaterThanOrEqual(fieldLength, length),
            Expression.Equal(Expression.Call(field, StringSubstring, start, length), Parameter(text, typeof(string))));
    }

    private static Expression Compare(Expression field, string name, Expression value)
    {
        var negated = name[0] == 'n';
        Expression comparison = (negated ? name[1..] : name) switch
        {
            "gt" => Expression.GreaterThan(field, value),
            "gte" => Expression.GreaterThanOrEqual(field, value),
            "lt" => Expression.LessThan(field, value),
            _ => Expression.LessThanOrEqual(field, value),
        };
        return Negate(negated, comparison);
    }

    // lower() on both sides rather than relying on the database's collation: SQLite's LIKE ignores ASCII case but
    // PostgreSQL's does not, and `ToLower()` translates to lower() on both. The escape character is explicit so
    // the `%` and `_` a user types are matched as themselves.
    private static Expression LikeLower(Expression field, string pattern) =>
        Expression.Call(Like, Expression.Constant(EF.Functions), Lower(field),
            Parameter(pattern, typeof(string)), Expression.Constant(LikeEscape.ToString()));

    private static Expression Lower(Expression field) => Expression.Call(field, StringToLower);

    private static string EscapeLike(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is '%' or '_' or LikeEscape)
            {
                escaped.Append(LikeEscape);
            }

            escaped.Append(c);
        }

        return escaped.ToString();
    }

    // SQLite refuses LIKE patterns over 50,000 bytes ("pattern too complex"); no skill or role name comes near the cap.
    private const int MaxPatternLength = 10_000;

    private static string LowerText(object? argument, string name)
    {
        var text = (string)Required(argument, name);
        return text.Length <= MaxPatternLength
            ? text.ToLowerInvariant()
            : throw new ExecutionError($"The filter operation '{name}' takes at most {MaxPatternLength:N0} characters.")
            {
                Code = "FILTER_VALUE_TOO_LONG",
                Extensions = new Dictionary<string, object?> { ["maxLength"] = MaxPatternLength },
            };
    }

    private static Expression Text(object? argument, string name) => Parameter((string)Required(argument, name), typeof(string));

    private static Expression Negate(bool negate, Expression expression) => negate ? Expression.Not(expression) : expression;

    private static Expression Parameter(object? value, Type type)
    {
        var box = Activator.CreateInstance(typeof(StrongBox<>).MakeGenericType(type), value)!;
        return Expression.Field(Expression.Constant(box), nameof(StrongBox<object>.Value));
    }

    private static object Convert(object value, Type type)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        return value switch
        {
            _ when target.IsInstanceOfType(value) => value,
            string text when target.IsEnum => Enum.Parse(target, text, ignoreCase: true),
            _ when target.IsEnum => Enum.ToObject(target, value),
            DateTimeOffset offset when target == typeof(DateTime) => offset.UtcDateTime,
            DateTime time when target == typeof(DateTimeOffset) => new DateTimeOffset(time),
            _ => System.Convert.ChangeType(value, target, CultureInfo.InvariantCulture),
        };
    }

    private static object Required(object? argument, string name) =>
        argument ?? throw new ExecutionError($"The filter operation '{name}' does not accept null.") { Code = "FILTER_INVALID" };

    private static IEnumerable<IDictionary<string, object?>> Items(object argument, string name) =>
        Items<object?>(argument, name).Select(item => Dictionary(item, name));

    private static IEnumerable<TItem> Items<TItem>(object argument, string name) =>
        argument is IEnumerable items and not string ? items.Cast<TItem>() : throw Invalid(name);

    private static IDictionary<string, object?> Dictionary(object? argument, string name) =>
        argument as IDictionary<string, object?> ?? throw Invalid(name);

    private static InvalidOperationException Invalid(string name) => new($"The filter value of '{name}' has an unexpected shape.");

    private static Expression All(IEnumerable<Expression> parts) =>
        parts.DefaultIfEmpty(Expression.Constant(true)).Aggregate(Expression.AndAlso);

    private static Expression AnyOf(IEnumerable<Expression> parts) =>
        parts.DefaultIfEmpty(Expression.Constant(true)).Aggregate(Expression.OrElse);

    private static MethodInfo Generic(Type type, string name, int parameters) =>
        type.GetMethods().Single(m => m.Name == name && m.GetParameters().Length == parameters
            && (parameters == 1 || !m.GetParameters()[1].ParameterType.IsGenericType || m.GetParameters()[1].ParameterType.GetGenericTypeDefinition() == typeof(Func<,>)));
}
