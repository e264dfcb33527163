using GraphQL;
using GraphQL.Types;
using GraphQLParser.AST;

namespace SkillMatrix.BuildingBlocks.Conventions;

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

    // GraphQL.NET keeps its own field collection protected, so this walks the selection set the way the spec's
    // CollectFields does: fields, inline fragments and fragment spreads whose type condition matches, and
    // nothing that @skip or @include leave out.
    private static void Collect(IResolveFieldContext context, IComplexGraphType graphType, GraphQLSelectionSet selectionSet, Dictionary<string, SelectedField> byName)
    {
        foreach (var node in selectionSet.Selections)
        {
            if (node is IHasDirectivesNode directed && !Included(context, directed))
            {
                continue;
            }

            switch (node)
            {
                case GraphQLField field:
                    var fieldType = graphType.GetField(field.Name.StringValue);
                    if (fieldType is null)
                    {
                        continue; // __typename and other meta fields read nothing
                    }

                    if (!byName.TryGetValue(fieldType.Name, out var selected))
                    {
                        selected = new SelectedField(fieldType);
                        byName.Add(fieldType.Name, selected);
                    }

                    selected.Nodes.Add(field);
                    break;
                case GraphQLInlineFragment inline when inline.TypeCondition is null || Matches(graphType, inline.TypeCondition.Type.Name.StringValue):
                    Collect(context, graphType, inline.SelectionSet, byName);
                    break;
                case GraphQLFragmentSpread spread:
                    var definition = context.Document.Definitions.OfType<GraphQLFragmentDefinition>()
                        .FirstOrDefault(d => d.FragmentName.Name == spread.FragmentName.Name);
                    if (definition is not null && Matches(graphType, definition.TypeCondition.Type.Name.StringValue))
                    {
                        Collect(context, graphType, definition.SelectionSet, byName);
                    }

                    break;
            }
        }
    }

    private static bool Matches(IComplexGraphType graphType, string typeCondition) =>
        graphType.Name == typeCondition
        || (graphType is IObjectGraphType objectType && objectType.ResolvedInterfaces.Any(i => i.Name == typeCondition));

    private static bool Included(IResolveFieldContext context, IHasDirectivesNode node)
    {
        if (node.Directives is null)
        {
            return true;
        }

        foreach (var directive in node.Directives.Items)
        {
            var name = directive.Name.StringValue;
            if (name is not ("skip" or "include"))
            {
                continue;
            }

            var condition = directive.Arguments?.Items.FirstOrDefault(a => a.Name == "if")?.Value switch
            {
                GraphQLBooleanValue literal => literal.BoolValue,
                GraphQLVariable variable => context.Variables.FirstOrDefault(v => v.Name == variable.Name.StringValue)?.Value is true,
                _ => false,
            };
            if (name == "skip" ? condition : !condition)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The selection below <paramref name="field"/>, on its (unwrapped) return type, or null for a leaf.</summary>
    public Selection? Below(IResolveFieldContext context, SelectedField field) =>
        Unwrap(field.FieldType.ResolvedType!) is IComplexGraphType complex ? Of(context, complex, field.Nodes) : null;

    public bool Has(string fieldName) => Fields.ContainsKey(fieldName);

    public static IGraphType Unwrap(IGraphType type) => type switch
    {
        NonNullGraphType nonNull => Unwrap(nonNull.ResolvedType!),
        ListGraphType list => Unwrap(list.ResolvedType!),
        _ => type,
    };
}

/// <summary>A selected field and every place in the document that selects it.</summary>
public sealed class SelectedField(FieldType fieldType)
{
    public FieldType FieldType { get; } = fieldType;

    public List<GraphQLField> Nodes { get; } = [];
}
