using GraphQL.Execution;
using GraphQL.Validation;
using GraphQLParser.AST;
using Platform.Data.Conventions.Paging;
using Platform.Data.Operations;

namespace Platform.Server.Limits;

/// <summary>
/// The static cost of the selected operation, an estimate of the objects it would touch, computed after its
/// variables and arguments are known and before anything runs:
/// <list type="bullet">
/// <item>a field returning an object (or interface, union) costs 1 per object returned, a scalar or enum 0
/// (<c>Cost(n)</c> metadata or <c>GraphQL:Cost:Weights</c> change that);</item>
/// <item>a list field multiplies its item cost, its own and its children's, by its size: the field's
/// <c>first</c>/<c>last</c> (<see cref="ConnectionFieldExtensions.DefaultPageSize"/> when absent, at most
/// <see cref="ConnectionFieldExtensions.MaxPageSize"/>) or, for the lists of a paged field (a connection's
/// <c>edges</c> and <c>nodes</c>), that page size; otherwise <c>GraphQL:Cost:ListSizes</c>, the field's
/// <c>ListSize(n)</c> metadata, or <c>GraphQL:Cost:AssumedListSize</c>;</item>
/// <item>each root field of a mutation adds <c>GraphQL:Cost:MutationCost</c>;</item>
/// <item>introspection and <c>__typename</c> cost nothing (the shape rule bounds introspection), and fields dropped by
/// <c>@skip</c>/<c>@include</c> are not counted; an abstract type's selections are all counted, whatever type comes.</item>
/// </list>
/// A fragment's cost is computed once per page size (<see cref="OperationWalker{TResult, TScope}"/>), so a fragment
/// spread a thousand times is not walked a thousand times.
/// GraphQL.NET's <c>ComplexityValidationRule</c> is not used: its visitor walks a fragment again at every spread (a
/// fragment bomb inside the depth limit would cost exponential time to price) and throws on a fragment cycle or an
/// unknown fragment, where this one prices what NoFragmentCycles and KnownFragmentNames already refuse as nothing.
/// </summary>
internal sealed class QueryCostAnalyzer(ValidationContext context, GraphQLCostOptions options)
    : OperationWalker<double, (int? PageSize, bool MutationRoot)>(context.Schema, context.Document, IncludedIn(context))
{
    protected override double Empty => 0;

    /// <summary>The cost, saturating at <see cref="long.MaxValue"/> rather than overflowing.</summary>
    public long Compute()
    {
        var operation = context.Operation;
        if (RootType(operation) is not { } root)
        {
            return 0;
        }

        var cost = SelectionSet(root, operation.SelectionSet, (null, operation.Operation == OperationType.Mutation));
        return cost >= long.MaxValue ? long.MaxValue : (long)Math.Ceiling(cost);
    }

    protected override double Combine(double left, double right) => left + right;

    protected override double Field(IGraphType? parent, GraphQLField field, FieldType? definition, (int? PageSize, bool MutationRoot) scope) =>
        FieldCost(parent, field, definition, scope.PageSize) + (scope.MutationRoot ? options.MutationCost : 0);

    private double FieldCost(IGraphType? parent, GraphQLField field, FieldType? definition, int? inheritedPageSize)
    {
        // __typename, __schema and __type: no data, and the shape rule bounds what introspection can ask.
        if (definition is null || parent is null)
        {
            return 0;
        }

        var key = $"{parent.Name}.{definition.Name}";
        var type = definition.ResolvedType is NonNullGraphType nonNull ? nonNull.ResolvedType : definition.ResolvedType;
        var named = type?.GetNamedType();
        var weight = options.Weights.TryGetValue(key, out var configured) ? configured
            : definition.GetCost() ?? (named is IComplexGraphType or IAbstractGraphType ? 1 : 0);

        var pageSize = PageSize(definition, field);
        var children = field.SelectionSet is { } selectionSet && named is not null
            ? SelectionSet(named, selectionSet, (pageSize, false))
            : 0;

        if (type is not ListGraphType)
        {
            return weight + children;
        }

        int size = options.ListSizes.TryGetValue(key, out var listSize) ? listSize
            : pageSize ?? inheritedPageSize ?? definition.GetListSize() ?? options.AssumedListSize;
        return size * (weight + children);
    }

    /// <summary>The page a paged field (one taking <c>first</c> or <c>last</c>) returns; null for any other field.</summary>
    private int? PageSize(FieldType definition, GraphQLField field)
    {
        if (definition.Arguments?.Find("first") is null && definition.Arguments?.Find("last") is null)
        {
            return null;
        }

        var size = ConnectionFieldExtensions.DefaultPageSize;
        if (context.ArgumentValues?.TryGetValue(field, out var arguments) == true)
        {
            size = IntArgument(arguments, "first") ?? IntArgument(arguments, "last") ?? size;
        }

        // Past the maximum the resolver refuses the page (PAGE_SIZE_EXCEEDED); the cost should not pre-empt that answer.
        return Math.Clamp(size, 0, ConnectionFieldExtensions.MaxPageSize);
    }

    private static int? IntArgument(IDictionary<string, ArgumentValue> arguments, string name) =>
        arguments.TryGetValue(name, out var value) && value.Value is { } raw
            ? raw switch
            {
                int i => i,
                long l => (int)Math.Clamp(l, int.MinValue, int.MaxValue),
                _ => null,
            }
            : null;
}
