using GraphQL.Execution;
using ExecutionContext = GraphQL.Execution.ExecutionContext;

namespace Platform.Data.Execution;

/// <summary>
/// GraphQL.NET's subscription strategy, with each event's fields resolved in a DI scope of its own: the request's scope
/// lives as long as the subscription, and its DbContexts and batch loaders must not be shared by events that arrive
/// hours apart (a DbContext would cache what it read first; a loader would answer from its first batch). Below the
/// event, fields run one after another, as query fields do, since they share the event's DbContexts.
/// (GraphQL.MicrosoftDI's ScopedSubscriptionExecutionStrategy does the scoping too, but over the parallel strategy.)
/// </summary>
internal sealed class ScopedSubscriptionExecutionStrategy() : SubscriptionExecutionStrategy(new SerialExecutionStrategy())
{
    protected override async ValueTask<ExecutionResult> ProcessDataAsync(ExecutionContext context, ExecutionNode node, object? value)
    {
        var scopes = context.RequestServices?.GetService<IServiceScopeFactory>();
        if (scopes is null)
        {
            return await base.ProcessDataAsync(context, node, value);
        }

        await using var scope = scopes.CreateAsyncScope();
        context.RequestServices = scope.ServiceProvider;
        return await base.ProcessDataAsync(context, node, value);
    }
}
