using System.Collections.Immutable;
using GraphQL.Validation;
using GraphQLParser.AST;
using Microsoft.Extensions.Options;
using Platform.Data.Operations;

namespace Platform.Server.Limits;

/// <summary>
/// Depth, aliases, directives and introspection of the selected operation, checked on the document alone (before
/// variables are read), so a hostile document is refused before any other work. Fragments count where they are
/// spread; each fragment is walked once however often it is spread, so a "fragment bomb" costs no more to check
/// than to read. <c>@skip</c>/<c>@include</c> are not evaluated here: the limits hold for the document as written.
/// GraphQL.NET's built-ins do not serve: <c>ComplexityOptions.MaxDepth</c> counts only fields with selections, charges
/// introspection like data and runs after variables are read; <c>NoIntrospectionValidationRule</c> answers with its
/// own message and no code, once per field, where clients know INTROSPECTION_DISABLED, once per operation.
/// </summary>
internal sealed class QueryShapeRule(IOptionsMonitor<GraphQLLimitsOptions> options) : IValidationRule
{
    public ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context)
    {
        if (context.Operation is not null)
        {
            new Walk(context, options.CurrentValue).Run();
        }

        // The walk reported its errors itself; no visitor is needed for the document-order pass.
        return default;
    }

    public ValueTask<IVariableVisitor?> GetVariableVisitorAsync(ValidationContext context) => default;

    public ValueTask<INodeVisitor?> GetPostNodeVisitorAsync(ValidationContext context) => default;

    private sealed class Walk(ValidationContext context, GraphQLLimitsOptions limits)
    {
        private bool introspectionReported;

        public void Run()
        {
            var operation = context.Operation;
            var depth = new DepthFold(context, this).SelectionSetDepth(operation.SelectionSet);
            var (aliases, directives) = new NodeCount(context).Of(operation);

            if (depth > limits.MaxDepth)
            {
                Report(LimitErrorCodes.DepthExceeded, $"The operation is {depth} levels deep; at most {limits.MaxDepth} are allowed.",
                    ("depth", depth), ("maxDepth", limits.MaxDepth));
            }

            if (aliases > limits.MaxAliases)
            {
                Report(LimitErrorCodes.AliasesExceeded, $"The operation uses {aliases} aliases; at most {limits.MaxAliases} are allowed.",
                    ("aliases", aliases), ("maxAliases", limits.MaxAliases));
            }

            if (directives > limits.MaxDirectives)
            {
                Report(LimitErrorCodes.DirectivesExceeded, $"The operation uses {directives} directives; at most {limits.MaxDirectives} are allowed.",
                    ("directives", directives), ("maxDirectives", limits.MaxDirectives));
            }
        }

        private static bool IsIntrospectionRoot(GraphQLField field) =>
            field.Name.Value.Span is "__schema" or "__type";

        private void CheckIntrospection(GraphQLField field)
        {
            if (!limits.Introspection)
            {
                if (!introspectionReported)
                {
                    introspectionReported = true;
                    context.ReportError(new LimitError(context, field, LimitErrorCodes.IntrospectionDisabled, "Introspection is disabled on this server."));
                }

                return;
            }

            if (!new IntrospectionPaths(context, limits).AreBounded(field) && !introspectionReported)
            {
                introspectionReported = true;
                context.ReportError(new LimitError(context, field, LimitErrorCodes.DepthExceeded,
                    $"An introspection field may not repeat along a path (except 'ofType', at most {limits.MaxIntrospectionOfTypeDepth} times)."));
            }
        }

        private void Report(string code, string message, params (string Key, object? Value)[] extensions) =>
            context.ReportError(new LimitError(context, context.Operation, code, message, extensions.ToDictionary(e => e.Key, e => e.Value)));

        /// <summary>The depth of a selection set: its deepest field, counting this level as 1; introspection counts 1.</summary>
        private sealed class DepthFold(ValidationContext context, Walk walk) : OperationWalker<int, bool>(context.Schema, context.Document, included: null)
        {
            protected override int Empty => 0;

            public int SelectionSetDepth(GraphQLSelectionSet selectionSet) => SelectionSet(null, selectionSet, false);

            protected override int Combine(int left, int right) => Math.Max(left, right);

            protected override int Field(IGraphType? parent, GraphQLField field, FieldType? definition, bool scope)
            {
                if (IsIntrospectionRoot(field))
                {
                    walk.CheckIntrospection(field);
                    return 1;
                }

                return 1 + (field.SelectionSet is { } children ? SelectionSet(null, children, scope) : 0);
            }
        }

        /// <summary>Aliases and directives, once per node written, in the operation and every fragment it reaches.</summary>
        private sealed class NodeCount(ValidationContext context) : OperationWalker<(int Aliases, int Directives), bool>(context.Schema, context.Document, included: null)
        {
            protected override (int Aliases, int Directives) Empty => (0, 0);

            public (int Aliases, int Directives) Of(GraphQLOperationDefinition operation)
            {
                var directives = Count(operation.Directives) + (operation.Variables?.Items.Sum(v => Count(v.Directives)) ?? 0);
                return Combine((0, directives), SelectionSet(null, operation.SelectionSet, false));
            }

            protected override (int Aliases, int Directives) Combine((int Aliases, int Directives) left, (int Aliases, int Directives) right) =>
                (left.Aliases + right.Aliases, left.Directives + right.Directives);

            // A fragment's nodes are written once, however often it is spread.
            protected override (int Aliases, int Directives) Repeated((int Aliases, int Directives) result) => Empty;

            protected override (int Aliases, int Directives) Field(IGraphType? parent, GraphQLField field, FieldType? definition, bool scope) =>
                Combine((field.Alias is null ? 0 : 1, Count(field.Directives)), field.SelectionSet is { } children ? SelectionSet(null, children, scope) : Empty);

            protected override (int Aliases, int Directives) InlineFragment(IGraphType? parent, GraphQLInlineFragment inline, bool scope) =>
                Combine((0, Count(inline.Directives)), base.InlineFragment(parent, inline, scope));

            protected override (int Aliases, int Directives) FragmentSpread(IGraphType? parent, GraphQLFragmentSpread spread, bool scope) =>
                Combine((0, Count(spread.Directives)), base.FragmentSpread(parent, spread, scope));

            protected override (int Aliases, int Directives) FragmentDefinition(IGraphType? type, GraphQLFragmentDefinition fragment, bool scope) =>
                Combine((0, Count(fragment.Directives)), base.FragmentDefinition(type, fragment, scope));

            private static int Count(GraphQLDirectives? list) => list?.Items.Count ?? 0;
        }

        /// <summary>
        /// Whether no field name repeats along any path below an introspection root (but <c>ofType</c>, to its limit):
        /// the schema is finite, but <c>fields { type { fields { type ... } } }</c> would multiply it without end. The
        /// scope is the path (how often each name occurs on it), so a fragment is judged again on another path.
        /// </summary>
        private sealed class IntrospectionPaths(ValidationContext context, GraphQLLimitsOptions limits)
            : OperationWalker<bool, ImmutableDictionary<string, int>>(context.Schema, context.Document, included: null)
        {
            // The walk does not memoize across paths; this bounds it all the same.
            private const int VisitBudget = 10_000;

            private int visits;

            protected override bool Empty => true;

            public bool AreBounded(GraphQLField root) => Field(null, root, null, ImmutableDictionary<string, int>.Empty.WithComparers(StringComparer.Ordinal));

            protected override bool Combine(bool left, bool right) => left && right;

            protected override bool Field(IGraphType? parent, GraphQLField field, FieldType? definition, ImmutableDictionary<string, int> path)
            {
                if (field.Name.Value.Span is "__typename")
                {
                    return true;
                }

                if (++visits > VisitBudget)
                {
                    return false;
                }

                var name = field.Name.StringValue;
                var times = path.GetValueOrDefault(name) + 1;
                if (times > (name == "ofType" ? limits.MaxIntrospectionOfTypeDepth : 1))
                {
                    return false;
                }

                return field.SelectionSet is null || SelectionSet(null, field.SelectionSet, path.SetItem(name, times));
            }
        }
    }
}
