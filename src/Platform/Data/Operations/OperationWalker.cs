using GraphQL.Validation;
using GraphQLParser.AST;

namespace Platform.Data.Operations;

/// <summary>
/// The one walk over an operation's selections that projection, the shape and cost limits and authorization share,
/// written as a fold: each selection set's result is its fields' results combined. It handles what every walker must
/// get right the same way:
/// <list type="bullet">
/// <item>fragments: a spread folds its fragment's selection set, on the fragment's type condition, once per
/// (fragment, scope); spreading it again reuses that result (<see cref="Repeated"/>), so a "fragment bomb" costs no
/// more to walk than to read; a cycle (NoFragmentCycles' error) folds to <see cref="Empty"/>;</item>
/// <item>inline fragments fold into their parent, on their type condition;</item>
/// <item><c>@skip</c>/<c>@include</c>, evaluated with the request's variables when the walker is given a filter;</item>
/// <item>field definitions, resolved on the parent type (null for meta fields and unknown fields).</item>
/// </list>
/// <typeparamref name="TScope"/> is whatever a fragment's result depends on besides the fragment (a page size; the
/// selecting type); <c>bool</c> with a constant value when nothing does.
/// </summary>
public abstract class OperationWalker<TResult, TScope>
{
    private readonly Dictionary<string, GraphQLFragmentDefinition> fragments = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Name, TScope Scope), TResult> fragmentResults = [];
    private readonly HashSet<string> inProgress = new(StringComparer.Ordinal);
    private readonly Func<ASTNode, bool>? included;

    /// <param name="schema">The schema the types and fields are resolved in.</param>
    /// <param name="document">The document whose fragments the operation spreads.</param>
    /// <param name="included">Whether a selection is kept (<c>@skip</c>/<c>@include</c>); null keeps every selection as written.</param>
    protected OperationWalker(ISchema schema, GraphQLDocument document, Func<ASTNode, bool>? included)
    {
        Schema = schema;
        this.included = included;
        // The first definition of a name is the one that counts (a duplicate is UniqueFragmentNames' error).
        foreach (var fragment in document.Definitions.OfType<GraphQLFragmentDefinition>())
        {
            fragments.TryAdd(fragment.FragmentName.Name.StringValue, fragment);
        }
    }

    protected ISchema Schema { get; }

    /// <summary>The result of nothing selected, and of a fragment that cannot be folded (unknown, or in a cycle).</summary>
    protected abstract TResult Empty { get; }

    /// <summary>Two results of one selection set, combined (a sum, a maximum).</summary>
    protected abstract TResult Combine(TResult left, TResult right);

    /// <summary>
    /// One field selected on <paramref name="parent"/>; <paramref name="definition"/> is null for a meta field
    /// (<c>__typename</c>, <c>__schema</c>, <c>__type</c>) or a field the type lacks. Fold its children with
    /// <see cref="SelectionSet"/> when it needs them.
    /// </summary>
    protected abstract TResult Field(IGraphType? parent, GraphQLField field, FieldType? definition, TScope scope);

    /// <summary>The root type of <paramref name="operation"/>, or null when the schema has none for it.</summary>
    protected IObjectGraphType? RootType(GraphQLOperationDefinition operation) => operation.Operation switch
    {
        OperationType.Query => Schema.Query,
        OperationType.Mutation => Schema.Mutation,
        OperationType.Subscription => Schema.Subscription,
        _ => null,
    };

    /// <summary>The fragment named <paramref name="name"/>, or null when the document has none.</summary>
    protected GraphQLFragmentDefinition? Fragment(string name) => fragments.GetValueOrDefault(name);

    /// <summary>The fold of a selection set on <paramref name="parent"/>.</summary>
    protected TResult SelectionSet(IGraphType? parent, GraphQLSelectionSet selectionSet, TScope scope)
    {
        var result = Empty;
        foreach (var selection in selectionSet.Selections)
        {
            if (included is not null && !included(selection))
            {
                continue;
            }

            switch (selection)
            {
                case GraphQLField field:
                    result = Combine(result, Field(parent, field, Definition(parent, field), scope));
                    break;

                case GraphQLInlineFragment inline:
                    result = Combine(result, InlineFragment(parent, inline, scope));
                    break;

                case GraphQLFragmentSpread spread:
                    result = Combine(result, FragmentSpread(parent, spread, scope));
                    break;
            }
        }

        return result;
    }

    /// <summary>An inline fragment: its selections, on its type condition (see <see cref="TypeWithin"/>).</summary>
    protected virtual TResult InlineFragment(IGraphType? parent, GraphQLInlineFragment inline, TScope scope) =>
        TypeWithin(parent, inline.TypeCondition, out var type) ? SelectionSet(type, inline.SelectionSet, scope) : Empty;

    /// <summary>A fragment spread: its fragment's result for <paramref name="scope"/>, folded the first time only.</summary>
    protected virtual TResult FragmentSpread(IGraphType? parent, GraphQLFragmentSpread spread, TScope scope)
    {
        var name = spread.FragmentName.Name.StringValue;
        var key = (name, scope);
        if (fragmentResults.TryGetValue(key, out var known))
        {
            return Repeated(known);
        }

        if (Fragment(name) is not { } fragment || !TypeWithin(parent, fragment.TypeCondition, out var type) || !inProgress.Add(name))
        {
            return Empty;
        }

        var result = FragmentDefinition(type, fragment, scope);
        inProgress.Remove(name);
        fragmentResults[key] = result;
        return result;
    }

    /// <summary>A fragment's definition, the first time it is spread in a scope: its selections, on its type condition.</summary>
    protected virtual TResult FragmentDefinition(IGraphType? type, GraphQLFragmentDefinition fragment, TScope scope) =>
        SelectionSet(type, fragment.SelectionSet, scope);

    /// <summary>What a fragment spread again in the same scope adds: its result again (a cost), or nothing (a visit).</summary>
    protected virtual TResult Repeated(TResult result) => result;

    /// <summary>
    /// The type a fragment's selections are folded on: its type condition's, or the parent's when it has none or the
    /// schema lacks it (KnownTypeNames' error). False leaves the fragment out.
    /// </summary>
    protected virtual bool TypeWithin(IGraphType? parent, GraphQLTypeCondition? condition, out IGraphType? type)
    {
        type = condition is not null && Schema.AllTypes[condition.Type.Name.StringValue] is { } named ? named : parent;
        return true;
    }

    private static FieldType? Definition(IGraphType? parent, GraphQLField field) =>
        field.Name.Value.Span.StartsWith("__") || parent is not IComplexGraphType complex ? null : complex.GetField(field.Name.Value);

    /// <summary>The <c>@skip</c>/<c>@include</c> filter of a validation, with the request's variables.</summary>
    public static Func<ASTNode, bool> IncludedIn(ValidationContext context) => context.ShouldIncludeNode;

    /// <summary>The <c>@skip</c>/<c>@include</c> filter of a resolver, with the request's variables.</summary>
    public static Func<ASTNode, bool> IncludedIn(IResolveFieldContext context) => node => node is not IHasDirectivesNode directed || Included(context, directed);

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
}
