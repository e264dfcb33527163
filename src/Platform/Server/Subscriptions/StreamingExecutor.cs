using System.Diagnostics;
using System.Security.Claims;
using System.Text.Json.Nodes;
using GraphQL.Execution;
using GraphQL.Transport;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Platform.Server.Http;

namespace Platform.Server.Subscriptions;

/// <summary>
/// Runs one operation for a streaming transport through the same executer as GraphQL over HTTP (so the same
/// execution steps: document limits, document cache, persisted queries, telemetry, and the same validation rules:
/// depth, aliases, cost, authorization), and writes results as JSON. Unexpected exceptions are masked as over HTTP.
/// </summary>
internal sealed partial class StreamingExecutor(IGraphQLTextSerializer serializer, ILogger<StreamingExecutor> logger, IHostEnvironment? environment = null)
{
    private static readonly ClaimsPrincipal Anonymous = new(new ClaimsIdentity());

    public GraphQLRequest? ReadRequest(string json) => serializer.Deserialize<GraphQLRequest>(json);

    public Task<ExecutionResult> ExecuteAsync(GraphQLRequest request, ClaimsPrincipal? user, IServiceProvider services, CancellationToken cancellationToken)
    {
        var options = new ExecutionOptions
        {
            Query = request.Query,
            OperationName = request.OperationName,
            Variables = request.Variables,
            Extensions = request.Extensions,
            DocumentId = request.DocumentId,
            RequestServices = services,
            User = user ?? Anonymous,
            CancellationToken = cancellationToken,
            UnhandledExceptionDelegate = context => MaskAsync(context, cancellationToken),
        };
        return services.GetRequiredService<IDocumentExecuter<ISchema>>().ExecuteAsync(options);
    }

    public string Serialize(ExecutionResult result) => serializer.Serialize(result);

    /// <summary>The <c>errors</c> array of a result, as JSON: what a graphql-ws <c>error</c> message carries.</summary>
    public string SerializeErrors(ExecutionResult result) =>
        JsonNode.Parse(serializer.Serialize(new ExecutionResult { Errors = result.Errors ?? [] }))?["errors"]?.ToJsonString() ?? "[]";

    public static ExecutionResult ErrorResult(ExecutionError error) => new() { Errors = [error] };

    /// <summary>A result that is only errors (refused before execution, or its stream could not be made).</summary>
    public static bool IsRefusal(ExecutionResult result) => result.Data is null && result.Errors is { Count: > 0 };

    private Task MaskAsync(UnhandledExceptionContext context, CancellationToken operationToken)
    {
        if (operationToken.IsCancellationRequested)
        {
            // The client stopped the operation or went away: nothing failed on our side.
            return Task.CompletedTask;
        }

        var traceId = Activity.Current?.TraceId.ToString() ?? Guid.NewGuid().ToString("N");
        LogFailure(logger, context.FieldContext?.FieldDefinition.Name, traceId, LoggedException.Of(context.OriginalException));
        context.Exception = new UnexpectedExecutionError(traceId, environment?.IsDevelopment() == true ? context.OriginalException : null);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "GraphQL resolver for field '{Field}' failed in a streamed operation (trace id {TraceId})")]
    private static partial void LogFailure(ILogger logger, string? field, string traceId, Exception exception);
}

/// <summary>An observer made of three callbacks.</summary>
internal sealed class CallbackObserver<T>(Action<T> onNext, Action<Exception> onError, Action onCompleted) : IObserver<T>
{
    public void OnNext(T value) => onNext(value);

    public void OnError(Exception error) => onError(error);

    public void OnCompleted() => onCompleted();
}
