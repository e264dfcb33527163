using System.Collections;
using System.Runtime.CompilerServices;
using GraphQL.Execution;
using GraphQLParser.AST;
using Microsoft.Extensions.Options;
using ExecutionContext = GraphQL.Execution.ExecutionContext;

namespace Platform.Data.Execution;

/// <summary>The pure-data path (<c>GraphQL:FastPath</c>).</summary>
public sealed class PureDataOptions
{
    public const string SectionName = "GraphQL:FastPath";

    /// <summary>Whether lists of pure data are completed by a plan; off, every field runs through the general executor.</summary>
    public bool Enabled { get; set; } = true;
}

/// <summary>
/// GraphQL.NET's serial strategy, with one step replaced: a list whose items are pure data (every field below reads
/// only its source: properties of what projection or a batch loader produced, global ids, <c>__typename</c>) is
/// completed by a plan built once per field of a document, instead of one execution node, one resolve context and
/// one serializer call per field. A matrix is about 5,000 such fields. Everything else (root fields, arguments,
/// batch loaders, services, errors) runs as before, and so does any list the plan cannot complete; see
/// <see cref="PreparedList.TryCapture"/>.
/// </summary>
internal sealed class PureDataExecutionStrategy(IOptions<PureDataOptions> options) : SerialExecutionStrategy
{
    private readonly bool enabled = options.Value.Enabled;

    // Per field of a parsed document: the document cache keeps the document, so the plan lives as long as it does.
    private readonly ConditionalWeakTable<GraphQLField, Planned> plans = [];

    protected override Task SetArrayItemNodesAsync(ExecutionContext context, ArrayExecutionNode parent)
    {
        if (enabled && parent.Result is IEnumerable list && PlanOf(context, parent) is { } item
            && PreparedList.TryCapture(context, item, list) is { } prepared)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            parent.SerializedResult = prepared;
            return Task.CompletedTask;
        }

        return base.SetArrayItemNodesAsync(context, parent);
    }

    private PureDataPlan? PlanOf(ExecutionContext context, ArrayExecutionNode node)
    {
        var list = (ListGraphType)node.GraphType!;
        // Lists of scalars already have the engine's own shortcut (ScalarGraphType.SerializeList).
        if (list.ResolvedType!.GetNamedType() is ScalarGraphType)
        {
            return null;
        }

        var planned = plans.GetValue(node.Field!, _ => new Planned(node.FieldDefinition!, PureDataPlan.Build(context, list, node.Field!)));
        // The same field node under another definition (through an interface) is planned again, not cached.
        return planned.Definition == node.FieldDefinition ? planned.Plan : PureDataPlan.Build(context, list, node.Field!);
    }

    private sealed record Planned(FieldType Definition, PureDataPlan? Plan);
}
