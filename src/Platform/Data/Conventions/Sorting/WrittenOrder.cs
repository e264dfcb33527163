using System.Collections;
using GraphQLParser.AST;

namespace Platform.Data.Conventions.Sorting;

/// <summary>
/// An argument's coerced value with the fields of each input object in the order the client wrote them. GraphQL.NET
/// coerces an input object by walking the input type's fields (schema order), for literals and variables alike, so
/// <c>{ domain: { name: DESC }, name: ASC }</c> arrives as <c>{ name, domain }</c> when <c>name</c> comes first in the
/// schema; a sort applies fields in the order written, as HotChocolate does, so that order is read back from what the
/// client sent: the literal in the document, or for a variable the request's raw variables (the JSON reader fills
/// their dictionaries in document order, and nothing removes from them, so enumeration keeps that order).
/// </summary>
internal static class WrittenOrder
{
    /// <summary>
    /// <paramref name="coerced"/> rebuilt with dictionaries in written order. <paramref name="written"/> is the
    /// argument's literal (null when the value came from a default); <paramref name="variables"/> the raw variables,
    /// <paramref name="operation"/> the operation whose variable defaults stand in for variables the request left out.
    /// A field the client did not write (a default) keeps its place after the written ones.
    /// </summary>
    public static object? Of(object? coerced, GraphQLValue? written, IReadOnlyDictionary<string, object?>? variables, GraphQLOperationDefinition? operation) =>
        written switch
        {
            GraphQLVariable variable when variables is not null && variables.TryGetValue(variable.Name.StringValue, out var raw) => OfRaw(coerced, raw),
            // A variable the request left out takes its default, written in the operation.
            GraphQLVariable variable => operation?.Variables?.Items.Find(v => v.Variable.Name.StringValue == variable.Name.StringValue)?.DefaultValue is { } byDefault
                ? Of(coerced, byDefault, variables, operation)
                : coerced,
            GraphQLListValue list when IsList(coerced) => Zip(coerced!, list.Values?.Cast<object?>().ToList() ?? [],
                (item, node) => Of(item, (GraphQLValue?)node, variables, operation)),
            GraphQLObjectValue when IsList(coerced) => Zip(coerced!, [written], // a single value stands for a list of one
                (item, node) => Of(item, (GraphQLValue?)node, variables, operation)),
            GraphQLObjectValue objectValue when coerced is IDictionary<string, object?> fields => Reorder(fields,
                objectValue.Fields?.Select(f => (f.Name.StringValue, (object?)f.Value)) ?? [],
                (value, node) => Of(value, (GraphQLValue?)node, variables, operation)),
            _ => coerced,
        };

    private static object? OfRaw(object? coerced, object? raw) => raw switch
    {
        IDictionary<string, object?> fields when coerced is IDictionary<string, object?> coercedFields =>
            Reorder(coercedFields, fields.Select(f => (f.Key, f.Value)), OfRaw),
        IDictionary<string, object?> when IsList(coerced) => Zip(coerced!, [raw], OfRaw),
        IEnumerable items and not string and not IDictionary<string, object?> when IsList(coerced) =>
            Zip(coerced!, items.Cast<object?>().ToList(), OfRaw),
        _ => coerced,
    };

    private static bool IsList(object? value) => value is IEnumerable and not string and not IDictionary<string, object?>;

    private static List<object?> Zip(object coerced, IReadOnlyList<object?> written, Func<object?, object?, object?> each)
    {
        var result = new List<object?>();
        var index = 0;
        foreach (var item in (IEnumerable)coerced)
        {
            result.Add(index < written.Count ? each(item, written[index]) : item);
            index++;
        }

        return result;
    }

    private static Dictionary<string, object?> Reorder(IDictionary<string, object?> coerced, IEnumerable<(string Name, object? Written)> written,
        Func<object?, object?, object?> each)
    {
        var result = new Dictionary<string, object?>(coerced.Count);
        foreach (var (name, node) in written)
        {
            if (coerced.TryGetValue(name, out var value) && !result.ContainsKey(name))
            {
                result.Add(name, each(value, node));
            }
        }

        foreach (var (name, value) in coerced)
        {
            result.TryAdd(name, value);
        }

        return result;
    }
}
