using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.Server.Tests;

/// <summary>Lets a test see that a resolver started, and that a disconnect or a timeout reached its cancellation token.</summary>
internal sealed class CancellationProbe
{
    public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource Cancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

internal static class NeverEndingField
{
    /// <summary>A field that waits until its request is cancelled, telling the request's <see cref="CancellationProbe"/>.</summary>
    public static void AddNeverEndingField(this ObjectGraphType query, string name) =>
        query.Field<StringGraphType>(name).ResolveAsync(async context =>
        {
            var probe = context.RequestServices!.GetRequiredService<CancellationProbe>();
            probe.Started.TrySetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, context.CancellationToken);
            }
            catch (OperationCanceledException)
            {
                probe.Cancelled.TrySetResult();
                throw;
            }

            return "never";
        });
}
