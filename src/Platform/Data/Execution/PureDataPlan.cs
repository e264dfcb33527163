using System.Collections;
using GraphQL.Execution;
using GraphQL.Resolvers;
using GraphQLParser.AST;
using ExecutionContext = GraphQL.Execution.ExecutionContext;

namespace Platform.Data.Execution;

/// <summary>
/// How to complete one value of a selection without execution nodes: a scalar, an object of one known type with
/// its collected fields, or a list. Built once per list field of a document, only where every field below reads
/// its source alone (<see cref="Build"/> returns null otherwise), so completing it can neither fail differently nor
/// depend on anything but the data.
/// </summary>
internal abstract class PureDataPlan(bool nonNull)
{
    public bool NonNull { get; } = nonNull;

    /// <summary>
    /// How many values, list lengths and items the last list completed by this plan held: the next one starts with
    /// room for as many, instead of growing there by doubling (which allocated twice what a matrix holds). Only a hint,
    /// so requests that race to set it need no lock.
    /// </summary>
    internal (int Values, int Counts, int Items) SizeHint { get; set; }

    /// <summary>
    /// The plan of a list field's items, or null when anything below is not pure data: a resolver that may use more
    /// than its source, an interface or union, a <c>@skip</c>/<c>@include</c> (which depends on variables) or an
    /// unknown field.
    /// </summary>
    public static PureDataPlan? Build(ExecutionContext context, ListGraphType list, GraphQLField field) =>
        field.SelectionSet is { } selection ? new Builder(context).Value(list.ResolvedType!, [selection]) : null;

    private sealed class Builder(ExecutionContext context)
    {
        public PureDataPlan? Value(IGraphType type, List<GraphQLSelectionSet> selections)
        {
            var nonNull = false;
            if (type is NonNullGraphType wrapped)
            {
                nonNull = true;
                type = wrapped.ResolvedType!;
            }

            return type switch
            {
                ListGraphType list => Value(list.ResolvedType!, selections) is { } item ? new ListPlan(item, nonNull) : null,
                ScalarGraphType scalar => new ScalarPlan(scalar, nonNull),
                IObjectGraphType objectType => Object(objectType, selections, nonNull),
                _ => null, // interfaces and unions choose their type per value: the general path does that
            };
        }

        private ObjectPlan? Object(IObjectGraphType type, List<GraphQLSelectionSet> selections, bool nonNull)
        {
            var collected = new Dictionary<string, (GraphQLField Field, FieldType Definition, List<GraphQLSelectionSet> Selections)>();
            var keys = new List<string>();
            foreach (var selection in selections)
            {
                if (!Collect(type, selection, collected, keys, []))
                {
                    return null;
                }
            }

            var fields = new FieldPlan[keys.Count];
            for (var i = 0; i < keys.Count; i++)
            {
                var (field, definition, below) = collected[keys[i]];
                var read = ReadOf(definition);
                if (read is not { } how || Value(definition.ResolvedType!, below) is not { } value)
                {
                    return null;
                }

                fields[i] = new FieldPlan(keys[i], field, definition, how, value);
            }

            return new ObjectPlan(type, fields, nonNull);
        }

        // The executor's CollectFields for one object type: the same keys in the same order, selection sets of a
        // repeated key merged. Any directive makes the plan depend on variables, so it is refused, not evaluated.
        private bool Collect(IObjectGraphType type, GraphQLSelectionSet selectionSet,
            Dictionary<string, (GraphQLField, FieldType, List<GraphQLSelectionSet>)> collected, List<string> keys, HashSet<string> fragments)
        {
            foreach (var selection in selectionSet.Selections)
            {
                if (selection is IHasDirectivesNode { Directives.Count: > 0 })
                {
                    return false;
                }

                switch (selection)
                {
                    case GraphQLField field:
                        var key = (field.Alias?.Name ?? field.Name).StringValue;
                        if (!collected.TryGetValue(key, out var entry))
                        {
                            var definition = DefinitionOf(type, field);
                            if (definition is null)
                            {
                                return false;
                            }

                            entry = (field, definition, []);
                            collected.Add(key, entry);
                            keys.Add(key);
                        }

                        if (field.SelectionSet is not null)
                        {
                            entry.Item3.Add(field.SelectionSet);
                        }

                        break;
                    case GraphQLFragmentSpread spread:
                        if (!fragments.Add(spread.FragmentName.Name.StringValue))
                        {
                            break;
                        }

                        var fragment = context.Document.Definitions.OfType<GraphQLFragmentDefinition>()
                            .FirstOrDefault(f => f.FragmentName.Name == spread.FragmentName.Name);
                        if (fragment is null || fragment.Directives is { Count: > 0 })
                        {
                            return false;
                        }

                        if (Applies(fragment.TypeCondition, type) && !Collect(type, fragment.SelectionSet, collected, keys, fragments))
                        {
                            return false;
                        }

                        break;
                    case GraphQLInlineFragment inline:
                        if (Applies(inline.TypeCondition, type) && !Collect(type, inline.SelectionSet, collected, keys, fragments))
                        {
                            return false;
                        }

                        break;
                    default:
                        return false;
                }
            }

            return true;
        }

        private FieldType? DefinitionOf(IObjectGraphType type, GraphQLField field) =>
            field.Name == context.Schema.TypeNameMetaFieldType.Name ? context.Schema.TypeNameMetaFieldType : type.GetField(field.Name);

        private bool Applies(GraphQLTypeCondition? condition, IObjectGraphType type)
        {
            if (condition is null)
            {
                return true;
            }

            var named = context.Schema.AllTypes[condition.Type.Name];
            return named is not null && (named.Equals(type) || (named is IAbstractGraphType @abstract && @abstract.IsPossibleType(type)));
        }

        private FieldRead? ReadOf(FieldType definition)
        {
            if (definition == context.Schema.TypeNameMetaFieldType)
            {
                return FieldRead.TypeName;
            }

            return definition.Resolver switch
            {
                null => FieldRead.ByName, // the engine's NameFieldResolver: a property or method of the source
                ISourceResolver => FieldRead.Source,
                // Field(x => x.Property): GraphQL.NET itself says such a resolver reads nothing but the source.
                { } resolver when SourceReads.IsPropertyExpression(resolver) => FieldRead.Context,
                _ => null,
            };
        }
    }
}

internal enum FieldRead
{
    /// <summary>The field is <c>__typename</c>.</summary>
    TypeName,

    /// <summary>An <see cref="ISourceResolver"/>, called without a context.</summary>
    Source,

    /// <summary>The engine's resolver of the field's name, called with a context that holds the source and field.</summary>
    ByName,

    /// <summary>A resolver that reads only <see cref="IResolveFieldContext.Source"/>, called with a context holding it.</summary>
    Context,
}

internal sealed class FieldPlan(string key, GraphQLField field, FieldType definition, FieldRead read, PureDataPlan value)
{
    public string Key { get; } = key;

    public GraphQLField Field { get; } = field;

    public FieldType Definition { get; } = definition;

    public FieldRead Read { get; } = read;

    public PureDataPlan Value { get; } = value;
}

internal sealed class ScalarPlan(ScalarGraphType type, bool nonNull) : PureDataPlan(nonNull)
{
    public ScalarGraphType Type { get; } = type;
}

internal sealed class ObjectPlan(IObjectGraphType type, FieldPlan[] fields, bool nonNull) : PureDataPlan(nonNull)
{
    public IObjectGraphType Type { get; } = type;

    public FieldPlan[] Fields { get; } = fields;

    /// <summary>The executor's check of a value against its object type (<see cref="IObjectGraphType.IsTypeOf"/>).</summary>
    public bool Accepts(object value) => Type.IsTypeOf is null || Type.SkipTypeCheck || Type.IsTypeOf(value);
}

internal sealed class ListPlan(PureDataPlan item, bool nonNull) : PureDataPlan(nonNull)
{
    public PureDataPlan Item { get; } = item;

    /// <summary>What the executor accepts as a list value.</summary>
    public static bool IsList(object value) => value is IEnumerable and not string;
}
