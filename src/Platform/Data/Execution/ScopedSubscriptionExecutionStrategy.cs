using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json;
using GraphQL.Execution;
using ExecutionContext = GraphQL.Execution.ExecutionContext;

namespace Platform.Data.Execution;

/// <summary>
/// GraphQL.NET's subscription strategy, with each event's fields resolved in a DI scope of its own: the request's scope
/// lives as long as the subscription, and its DbContexts and batch loaders must not be shared by events that arrive
/// hours apart (a DbContext would cache what it read first; a loader would answer from its first batch). Below the
/// event, fields run one after another, as query fields do, since they share the event's DbContexts.
/// (GraphQL.MicrosoftDI's ScopedSubscriptionExecutionStrategy does the scoping too, but over the parallel strategy.)
/// <para>
/// One event, one execution per distinct anonymous subscription: anonymous subscribers of the same document, operation
/// and variables would each load and resolve the same objects for the same event and get the same answer, so the first
/// of them to take the event executes it and the others are handed its result (a thousand dashboards on one role cost
/// one load per event, not a thousand). Only anonymous ones: a signed-in subscriber's fields may depend on who they are.
/// </para>
/// </summary>
internal sealed class ScopedSubscriptionExecutionStrategy() : SubscriptionExecutionStrategy(new SerialExecutionStrategy())
{
    // Keyed by the event itself (the bus hands every subscriber of a topic the same message object), so an event's
    // results go when the event does.
    private readonly ConditionalWeakTable<object, ConcurrentDictionary<string, SharedExecution>> shared = [];

    // A subscription's sharing key, made once when its first event arrives rather than for every event: the document
    // text and serialized variables do not change while it lives. Keyed by its field's execution node, which GraphQL.NET
    // keeps for the subscription's life (the context is cloned per event). Empty: never shared.
    private readonly ConditionalWeakTable<ExecutionNode, string> keys = [];

    protected override async ValueTask<ExecutionResult> ProcessDataAsync(ExecutionContext context, ExecutionNode node, object? value)
    {
        var key = keys.GetValue(node, _ => SharingKey(context) ?? "");
        if (value is null || key.Length == 0)
        {
            return await ExecuteInScopeAsync(context, node, value);
        }

        var executions = shared.GetValue(value, _ => new ConcurrentDictionary<string, SharedExecution>(StringComparer.Ordinal));
        var mine = new SharedExecution(context.CancellationToken);
        var execution = executions.GetOrAdd(key, mine);
        if (ReferenceEquals(execution, mine))
        {
            mine.Run(() => ExecuteInScopeAsync(context, node, value));
        }

        var result = await execution.Result;
        // The one that executed it went away (its client left) before it finished: what it got is a cancellation, not
        // the answer, so this subscriber executes the event itself.
        return ReferenceEquals(execution, mine) || !execution.Owner.IsCancellationRequested
            ? result
            : await ExecuteInScopeAsync(context, node, value);
    }

    private async Task<ExecutionResult> ExecuteInScopeAsync(ExecutionContext context, ExecutionNode node, object? value)
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

    /// <summary>
    /// What makes two subscriptions' answers to one event the same: no user, the same document text, operation and
    /// variables. Null (never shared) for a signed-in subscriber, or variables that do not serialize.
    /// </summary>
    private static string? SharingKey(ExecutionContext context)
    {
        if (context.User?.Identity?.IsAuthenticated == true || context.User?.Claims.Any() == true)
        {
            return null;
        }

        string variables;
        try
        {
            variables = context.ExecutionOptions.Variables is { Count: > 0 } inputs ? JsonSerializer.Serialize(inputs) : "";
        }
        catch (Exception ex) when (ex is NotSupportedException or JsonException or InvalidOperationException)
        {
            return null;
        }

        return string.Concat(context.Operation.Name?.StringValue ?? "", "\n", variables, "\n", context.Document.Source.ToString());
    }

    /// <summary>One execution of an event, awaited by every subscriber that shares it.</summary>
    private sealed class SharedExecution(CancellationToken owner)
    {
        private readonly TaskCompletionSource<ExecutionResult> result = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public CancellationToken Owner { get; } = owner;

        public Task<ExecutionResult> Result => result.Task;

        public void Run(Func<Task<ExecutionResult>> execute) => _ = RunAsync(execute);

        private async Task RunAsync(Func<Task<ExecutionResult>> execute)
        {
            try
            {
                result.TrySetResult(await execute());
            }
            catch (Exception ex)
            {
                result.TrySetException(ex);
            }
        }
    }
}
