using GraphQLParser.AST;
using Platform.Data.Operations;

namespace Platform.Data.Conventions;

/// <summary>
/// The fields a client selected on one object type, after fragments, type conditions and
/// <c>@skip</c>/<c>@include</c> are applied. Fields selected twice (aliases) are merged by field name,
/// since projection only needs to know what to read, not under which key to answer.
/// </summary>
public sealed class Selection
{
    private Selection(IComplexGraphType graphType, IReadOnlyDictionary<string, SelectedField> fields)
    {
        GraphType = graphType;
        Fields = fields;
    }

    public IComplexGraphType GraphType { get; }

    public IReadOnlyDictionary<string, SelectedField> Fields { get; }

    /// <summary>The selection below the field being resolved, on its (unwrapped) return type.</summary>
    public static Selection Of(IResolveFieldContext context)
    {
        var returnType = Unwrap(context.FieldDefinition.ResolvedType!);
        return Of(context, (IComplexGraphType)returnType, [context.FieldAst]);
    }

    /// <summary>The selection of <paramref name="fields"/> (all selecting the same field) on <paramref name="graphType"/>.</summary>
    public static Selection Of(IResolveFieldContext context, IComplexGraphType graphType, IEnumerable<GraphQLField> fields)
    {
        var byName = new Dictionary<string, SelectedField>();
        foreach (var field in fields)
        {
            if (field.SelectionSet is not null)
            {
                Collect(context, graphType, field.SelectionSet, byName);
            }
        }

        return new Selection(graphType, byName);
    }

    /// <summary>
    /// Whether this selection set selects the same fields on every execution of its document: nothing below it takes an
    /// argument or a directive (whose values may come from variables). A fragment spread counts as one, since its
    /// fragment is not looked into. What is made from such a selection can be kept with the document's own nodes.
    /// </summary>
    public static bool IsSameOnEveryExecution(GraphQLSelectionSet? selectionSet) =>
        selectionSet is null || selectionSet.Selections.All(selection => selection switch
        {
            GraphQLField field => (field.Arguments?.Count ?? 0) == 0 && (field.Directives?.Count ?? 0) == 0 && IsSameOnEveryExecution(field.SelectionSet),
            GraphQLInlineFragment inline => (inline.Directives?.Count ?? 0) == 0 && IsSameOnEveryExecution(inline.SelectionSet),
            _ => false,
        });

    // GraphQL.NET keeps its own field collection protected, so this collects the way the spec's CollectFields does:
    // fields, inline fragments and fragment spreads whose type condition matches, and nothing @skip or @include leave out.
    private static void Collect(IResolveFieldContext context, IComplexGraphType graphType, GraphQLSelectionSet selectionSet, Dictionary<string, SelectedField> byName) =>
        new Collector(context, byName).Run(graphType, selectionSet);

    /// <summary>Adds each selected field to the selection it is collected into; the fold itself carries nothing.</summary>
    private sealed class Collector(IResolveFieldContext context, Dictionary<string, SelectedField> byName)
        : OperationWalker<bool, bool>(context.Schema, context.Document, IncludedIn(context))
    {
        protected override bool Empty => false;

        public void Run(IComplexGraphType graphType, GraphQLSelectionSet selectionSet) => SelectionSet(graphType, selectionSet, false);

        protected override bool Combine(bool left, bool right) => left | right;

        // A field selected twice (through two spreads of one fragment) is read once.
        protected override bool Repeated(bool result) => false;

        protected override bool Field(IGraphType? parent, GraphQLField field, FieldType? definition, bool scope)
        {
            if (definition is null)
            {
                return false; // __typename and other meta fields read nothing
            }

            if (!byName.TryGetValue(definition.Name, out var selected))
            {
                selected = new SelectedField(definition);
                byName.Add(definition.Name, selected);
            }

            selected.Nodes.Add(field);
            return true;
        }

        // Fields stay on the collected type: a fragment applies when its type condition is that type or one of its interfaces.
        protected override bool TypeWithin(IGraphType? parent, GraphQLTypeCondition? condition, out IGraphType? type)
        {
            type = parent;
            return condition is null || (parent is IComplexGraphType complex && Matches(complex, condition.Type.Name.StringValue));
        }
    }

    private static bool Matches(IComplexGraphType graphType, string typeCondition) =>
        graphType.Name == typeCondition
        || (graphType is IObjectGraphType objectType && objectType.ResolvedInterfaces.Any(i => i.Name == typeCondition));

    /// <summary>The selection below <paramref name="field"/>, on its (unwrapped) return type, or null for a leaf.</summary>
    public Selection? Below(IResolveFieldContext context, SelectedField field) =>
        field.Below ?? (Unwrap(field.FieldType.ResolvedType!) is IComplexGraphType complex ? Of(context, complex, field.Nodes) : null);

    /// <summary>The selection below the field named <paramref name="fieldName"/>, or an empty one when it is not selected.</summary>
    public Selection Below(IResolveFieldContext context, string fieldName) =>
        Fields.TryGetValue(fieldName, out var field)
            ? Below(context, field) ?? throw new InvalidOperationException($"{GraphType.Name}.{fieldName} is a leaf.")
            : Empty((IComplexGraphType)Unwrap(GraphType.GetField(fieldName)?.ResolvedType
                ?? throw new InvalidOperationException($"{GraphType.Name} has no field {fieldName}.")));

    public bool Has(string fieldName) => Fields.ContainsKey(fieldName);

    /// <summary>Nothing selected: projection still reads the keys.</summary>
    public static Selection Empty(IComplexGraphType graphType) => new(graphType, new Dictionary<string, SelectedField>());

    /// <summary>
    /// This selection plus <paramref name="fieldName"/> with <paramref name="below"/> under it (merged with what is
    /// already selected there): for a field computed in code that reads a different shape than the one it answers.
    /// </summary>
    public Selection With(IResolveFieldContext context, string fieldName, Selection below)
    {
        var fields = new Dictionary<string, SelectedField>(Fields);
        var fieldType = GraphType.GetField(fieldName) ?? throw new InvalidOperationException($"{GraphType.Name} has no field {fieldName}.");
        var merged = Fields.TryGetValue(fieldName, out var existing) ? Below(context, existing)!.Merge(context, below) : below;
        fields[fieldName] = new SelectedField(fieldType, merged);
        return new Selection(GraphType, fields);
    }

    /// <summary>
    /// This selection without <paramref name="fieldName"/>: for a caller that reads that field's value another way
    /// (once for many objects, say) and sets it on the projected objects itself.
    /// </summary>
    public Selection Without(string fieldName)
    {
        if (!Fields.ContainsKey(fieldName))
        {
            return this;
        }

        var fields = new Dictionary<string, SelectedField>(Fields);
        fields.Remove(fieldName);
        return new Selection(GraphType, fields);
    }

    private Selection Merge(IResolveFieldContext context, Selection other)
    {
        var merged = this;
        foreach (var (name, field) in other.Fields)
        {
            merged = other.Below(context, field) is { } below
                ? merged.With(context, name, below)
                : merged.Fields.ContainsKey(name) ? merged : new Selection(GraphType, new Dictionary<string, SelectedField>(merged.Fields) { [name] = field });
        }

        return merged;
    }

    public static IGraphType Unwrap(IGraphType type) => type switch
    {
        NonNullGraphType nonNull => Unwrap(nonNull.ResolvedType!),
        ListGraphType list => Unwrap(list.ResolvedType!),
        _ => type,
    };
}

/// <summary>A selected field and every place in the document that selects it.</summary>
public sealed class SelectedField(FieldType fieldType, Selection? below = null)
{
    public FieldType FieldType { get; } = fieldType;

    public List<GraphQLField> Nodes { get; } = [];

    /// <summary>A selection made in code (<see cref="Selection.With"/>) instead of one read from <see cref="Nodes"/>.</summary>
    internal Selection? Below { get; } = below;
}
