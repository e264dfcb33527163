using GraphQL.Validation;
using GraphQLParser.AST;
using Microsoft.Extensions.Options;

namespace Platform.Server.Limits;

/// <summary>
/// Depth, aliases, directives and introspection of the selected operation, checked on the document alone (before
/// variables are read), so a hostile document is refused before any other work. Fragments count where they are
/// spread; each fragment is walked once however often it is spread, so a "fragment bomb" costs no more to check
/// than to read. <c>@skip</c>/<c>@include</c> are not evaluated here: the limits hold for the document as written.
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
        // Walking an introspection selection does not memoize (the path matters); this bounds it all the same.
        private const int IntrospectionVisitBudget = 10_000;

        private readonly Dictionary<string, GraphQLFragmentDefinition> fragments = context.Document.Definitions
            .OfType<GraphQLFragmentDefinition>()
            .GroupBy(f => f.FragmentName.Name.StringValue, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

        private readonly Dictionary<string, int> fragmentDepths = new(StringComparer.Ordinal);
        private readonly HashSet<string> inProgress = new(StringComparer.Ordinal);
        private readonly HashSet<string> reachable = new(StringComparer.Ordinal);
        private int aliases;
        private int directives;
        private int introspectionVisits;
        private bool introspectionReported;

        public void Run()
        {
            var operation = context.Operation;
            directives += Count(operation.Directives);
            foreach (var variable in operation.Variables?.Items ?? [])
            {
                directives += Count(variable.Directives);
            }

            var depth = Depth(operation.SelectionSet);

            // Aliases and directives are counted once per node written, in the operation and every fragment it reaches.
            Count(operation.SelectionSet);
            var pending = new Queue<string>(reachable);
            var counted = new HashSet<string>(StringComparer.Ordinal);
            while (pending.TryDequeue(out var name))
            {
                if (counted.Add(name) && fragments.TryGetValue(name, out var fragment))
                {
                    directives += Count(fragment.Directives);
                    Count(fragment.SelectionSet);
                    foreach (var next in reachable.Where(n => !counted.Contains(n)))
                    {
                        pending.Enqueue(next);
                    }
                }
            }

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

        /// <summary>The depth of a selection set: its deepest field, counting this level as 1.</summary>
        private int Depth(GraphQLSelectionSet selectionSet)
        {
            var deepest = 0;
            foreach (var selection in selectionSet.Selections)
            {
                switch (selection)
                {
                    case GraphQLField field when IsIntrospectionRoot(field):
                        CheckIntrospection(field);
                        deepest = Math.Max(deepest, 1);
                        break;

                    case GraphQLField field:
                        deepest = Math.Max(deepest, 1 + (field.SelectionSet is { } children ? Depth(children) : 0));
                        break;

                    case GraphQLInlineFragment inline:
                        deepest = Math.Max(deepest, Depth(inline.SelectionSet));
                        break;

                    case GraphQLFragmentSpread spread:
                        deepest = Math.Max(deepest, FragmentDepth(spread.FragmentName.Name.StringValue));
                        break;
                }
            }

            return deepest;
        }

        private int FragmentDepth(string name)
        {
            reachable.Add(name);
            if (fragmentDepths.TryGetValue(name, out var known))
            {
                return known;
            }

            // A cycle is NoFragmentCycles' error to report; here it only must not loop.
            if (!fragments.TryGetValue(name, out var fragment) || !inProgress.Add(name))
            {
                return 0;
            }

            var depth = Depth(fragment.SelectionSet);
            inProgress.Remove(name);
            fragmentDepths[name] = depth;
            return depth;
        }

        private void Count(GraphQLSelectionSet selectionSet)
        {
            foreach (var selection in selectionSet.Selections)
            {
                switch (selection)
                {
                    case GraphQLField field:
                        aliases += field.Alias is null ? 0 : 1;
                        directives += Count(field.Directives);
                        if (field.SelectionSet is { } children)
                        {
                            Count(children);
                        }

                        break;

                    case GraphQLInlineFragment inline:
                        directives += Count(inline.Directives);
                        Count(inline.SelectionSet);
                        break;

                    case GraphQLFragmentSpread spread:
                        directives += Count(spread.Directives);
                        reachable.Add(spread.FragmentName.Name.StringValue);
                        break;
                }
            }
        }

        private static int Count(GraphQLDirectives? list) => list?.Items.Count ?? 0;

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

            var path = new Dictionary<string, int>(StringComparer.Ordinal);
            if (!IntrospectionPathIsBounded(field, path, new HashSet<string>(StringComparer.Ordinal)) && !introspectionReported)
            {
                introspectionReported = true;
                context.ReportError(new LimitError(context, field, LimitErrorCodes.DepthExceeded,
                    $"An introspection field may not repeat along a path (except 'ofType', at most {limits.MaxIntrospectionOfTypeDepth} times)."));
            }
        }

        /// <summary>
        /// Whether no field name repeats along any path below an introspection root (but <c>ofType</c>, to its limit):
        /// the schema is finite, but <c>fields { type { fields { type ... } } }</c> would multiply it without end.
        /// </summary>
        private bool IntrospectionPathIsBounded(GraphQLField field, Dictionary<string, int> path, HashSet<string> fragmentsOnPath)
        {
            if (++introspectionVisits > IntrospectionVisitBudget)
            {
                return false;
            }

            var name = field.Name.StringValue;
            var times = path.GetValueOrDefault(name) + 1;
            if (times > (name == "ofType" ? limits.MaxIntrospectionOfTypeDepth : 1))
            {
                return false;
            }

            if (field.SelectionSet is null)
            {
                return true;
            }

            path[name] = times;
            var bounded = SelectionsAreBounded(field.SelectionSet, path, fragmentsOnPath);
            path[name] = times - 1;
            return bounded;
        }

        private bool SelectionsAreBounded(GraphQLSelectionSet selectionSet, Dictionary<string, int> path, HashSet<string> fragmentsOnPath)
        {
            foreach (var selection in selectionSet.Selections)
            {
                var bounded = selection switch
                {
                    GraphQLField { Name.Value.Span: "__typename" } => true,
                    GraphQLField child => IntrospectionPathIsBounded(child, path, fragmentsOnPath),
                    GraphQLInlineFragment inline => SelectionsAreBounded(inline.SelectionSet, path, fragmentsOnPath),
                    GraphQLFragmentSpread spread => SpreadIsBounded(spread.FragmentName.Name.StringValue, path, fragmentsOnPath),
                    _ => true,
                };
                if (!bounded)
                {
                    return false;
                }
            }

            return true;
        }

        private bool SpreadIsBounded(string name, Dictionary<string, int> path, HashSet<string> fragmentsOnPath)
        {
            reachable.Add(name);
            if (!fragments.TryGetValue(name, out var fragment) || !fragmentsOnPath.Add(name))
            {
                return true;
            }

            var bounded = SelectionsAreBounded(fragment.SelectionSet, path, fragmentsOnPath);
            fragmentsOnPath.Remove(name);
            return bounded;
        }

        private void Report(string code, string message, params (string Key, object? Value)[] extensions) =>
            context.ReportError(new LimitError(context, context.Operation, code, message, extensions.ToDictionary(e => e.Key, e => e.Value)));
    }
}
