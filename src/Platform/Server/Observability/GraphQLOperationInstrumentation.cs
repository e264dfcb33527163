using System.Diagnostics;
using System.Globalization;
using GraphQL.DI;
using GraphQL.Execution;
using GraphQL.Validation;
using GraphQLParser.AST;
using Microsoft.Extensions.Logging;
using Platform.Server.Limits;
using Platform.Server.Security;

namespace Platform.Server.Observability;

/// <summary>
/// Wraps every GraphQL execution (GraphQL.NET's <see cref="IConfigureExecution"/>, so it works whichever endpoint
/// runs the executer): one span of <see cref="GraphQLTelemetryNames.ActivitySourceName"/> under the current (HTTP
/// request) activity, the GraphQL metrics, and one structured log line. Variables, the document text and request
/// headers are never recorded: they may hold secrets; the document is identified by its hash.
/// GraphQL.NET's <c>UseTelemetry()</c> does not serve: its activity source is always named "GraphQL", its span is
/// named "{type} {name}" (ours "graphql {type} {name}", which dashboards know), it has no cost or error count, records
/// neither metrics nor a log line, and it starts after GraphQL.NET's option configurations (its SortOrder is 200).
/// </summary>
internal sealed partial class GraphQLOperationInstrumentation(GraphQLMetrics metrics, GraphQLTelemetrySource source, ILoggerFactory loggerFactory)
    : IConfigureExecution
{
    private const string UnknownOperationType = "unknown";

    private readonly GraphQLTelemetryNames names = source.Names;

    private readonly ILogger logger = loggerFactory.CreateLogger(source.Names.LoggerCategory);

    /// <summary>
    /// Before GraphQL.NET's option configurations (100) and execution configurations (200), so the span and the
    /// duration cover them all, a refusal by one of them included, and the user context is read after all of them.
    /// </summary>
    public float SortOrder => 10;

    public async Task<ExecutionResult> ExecuteAsync(ExecutionOptions options, ExecutionDelegate next)
    {
        var started = Stopwatch.GetTimestamp();
        // The caller's token (over HTTP, the client's disconnect), read before the executer links its timeout to it.
        var callerCancellation = options.CancellationToken;
        var selected = new SelectedOperation();
        SelectedOperation.Current.Value = selected;
        // Renamed once the operation is known: which one runs is only decided by the executer (operationName or the
        // document's only operation).
        using var activity = source.ActivitySource.StartActivity("graphql", ActivityKind.Internal);
        ExecutionResult? result = null;
        try
        {
            result = await next(options).ConfigureAwait(false);
            return result;
        }
        catch (Exception ex) when (activity is not null && ex is not OperationCanceledException)
        {
            activity.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            throw;
        }
        finally
        {
            SelectedOperation.Current.Value = null;
            Complete(activity, options, result, selected.Operation, Stopwatch.GetElapsedTime(started), callerCancellation.IsCancellationRequested);
        }
    }

    private void Complete(Activity? activity, ExecutionOptions options, ExecutionResult? result, GraphQLOperationDefinition? validated, TimeSpan elapsed,
        bool cancelledByCaller)
    {
        var operation = result?.Operation ?? validated;
        var operationName = operation?.Name?.StringValue ?? options.OperationName;
        var operationType = operation is null ? null : TypeName(operation.Operation);
        var cost = ReadCost(options);
        var (requestErrors, fieldErrors) = CountErrors(result);
        var errorCount = requestErrors + fieldErrors;
        // Hashing the document is the costliest figure: only for a span that records it or a line that is written.
        var logged = logger.IsEnabled(LogLevel.Information);
        var documentHash = logged || activity?.IsAllDataRequested == true ? DocumentHash.Of(options) : null;

        if (activity is not null)
        {
            activity.DisplayName = string.Join(' ', new[] { "graphql", operationType, operationName }.Where(part => part is not null));
            if (activity.IsAllDataRequested)
            {
                activity.SetTag(GraphQLTelemetryNames.OperationNameAttribute, operationName);
                activity.SetTag(GraphQLTelemetryNames.OperationTypeAttribute, operationType);
                activity.SetTag(GraphQLTelemetryNames.DocumentHashAttribute, documentHash);
                activity.SetTag(names.CostAttribute, cost);
                activity.SetTag(names.ErrorCountAttribute, errorCount);
            }

            // Only the server's faults fail the span; a request error (syntax, validation, authorization) is the client's
            // and field errors other than unhandled exceptions are answers, as GraphQL.NET's own telemetry has it.
            if (result?.Errors?.Any(error => error is UnhandledError) == true)
            {
                activity.SetStatus(ActivityStatusCode.Error);
            }
        }

        // A refusal by the rate limiter never became an operation that ran; it is counted on its own.
        if (result?.Errors?.Any(error => error is RateLimitedError) == true)
        {
            metrics.RecordRateLimited();
        }

        metrics.RecordOperation(operationType ?? UnknownOperationType, elapsed, requestErrors, fieldErrors);
        if (cost is { } points)
        {
            metrics.RecordCost(points, operationType ?? UnknownOperationType);
        }

        if (!logged)
        {
            return;
        }

        var durationMs = Math.Round(elapsed.TotalMilliseconds, 2);
        // A prefix of the span's hash: enough to tell documents apart in the log, and found by a prefix search in traces.
        var documentPrefix = documentHash?[..Math.Min(documentHash.Length, LoggedHashLength)];
        if (cancelledByCaller)
        {
            // The caller went away (a disconnect): nobody reads the answer, and whatever failed on the way (a statement
            // interrupted, a field's cancellation) failed because of it. This line is the only record, without an exception.
            LogOperationCancelled(logger, operationType ?? UnknownOperationType, operationName, durationMs, cost, errorCount,
                options.User.GetMemberId(), documentPrefix);
        }
        else
        {
            LogOperation(logger, operationType ?? UnknownOperationType, operationName, durationMs, cost, errorCount,
                options.User.GetMemberId(), documentPrefix);
        }
    }

    private static string TypeName(OperationType type) => type switch
    {
        OperationType.Query => "query",
        OperationType.Mutation => "mutation",
        OperationType.Subscription => "subscription",
        _ => UnknownOperationType,
    };

    /// <summary>The cost under the well-known key, whatever integral (or floating) type its author used; null when absent.</summary>
    private static long? ReadCost(ExecutionOptions options)
    {
        if (options.UserContext is null || !options.UserContext.TryGetValue(QueryCostRule.CostUserContextKey, out var value))
        {
            return null;
        }

        try
        {
            return value switch
            {
                long l => l,
                int i => i,
                IConvertible number when number.GetTypeCode() is >= TypeCode.SByte and <= TypeCode.Decimal =>
                    (long)Math.Round(number.ToDecimal(CultureInfo.InvariantCulture)),
                _ => null,
            };
        }
        catch (OverflowException)
        {
            return null; // NaN, infinity or beyond long: not a cost worth reporting, and telemetry must not fail a request
        }
    }

    /// <summary>Errors before execution (the operation never ran) are request errors; the rest are field errors.</summary>
    private static (int Request, int Field) CountErrors(ExecutionResult? result)
    {
        var count = result?.Errors?.Count ?? 0;
        return result is null || result.Executed ? (0, count) : (count, 0);
    }

    /// <summary>Hex digits of the document's hash in the log line (64 bits); the span has all of them.</summary>
    private const int LoggedHashLength = 16;

    // Every word of the template is written three times per operation in a JSON line (the message, its template as
    // {OriginalFormat}, the values under State), so it holds only what an operator reads. The trace and span ids are
    // the logging scope's (the host turns on activity tracking), as on every other line, and an OTLP log record's own.
    // SkipEnabledCheck: Complete checks the level once, before it builds any value.
    [LoggerMessage(EventId = 1, EventName = "GraphQLOperation", Level = LogLevel.Information, SkipEnabledCheck = true,
        Message = "GraphQL {OperationType} {OperationName} {DurationMs} ms, cost {Cost}, {ErrorCount} errors, member {MemberId}, document {DocumentHash}")]
    private static partial void LogOperation(ILogger logger, string operationType, string? operationName, double durationMs,
        long? cost, int errorCount, string? memberId, string? documentHash);

    [LoggerMessage(EventId = 2, EventName = "GraphQLOperationCancelled", Level = LogLevel.Information, SkipEnabledCheck = true,
        Message = "GraphQL {OperationType} {OperationName} cancelled by the caller after {DurationMs} ms, cost {Cost}, {ErrorCount} errors, member {MemberId}, document {DocumentHash}")]
    private static partial void LogOperationCancelled(ILogger logger, string operationType, string? operationName, double durationMs,
        long? cost, int errorCount, string? memberId, string? documentHash);
}

/// <summary>
/// The operation a request selected, as validation saw it. The executer leaves <see cref="ExecutionResult.Operation"/>
/// unset when validation fails, and a refused operation (an unknown field, too costly, not authorized) should still be
/// named in its span, log line and metrics. Flows with the execution (an <see cref="AsyncLocal{T}"/>), not through the
/// user context, which another configuration may replace.
/// </summary>
internal sealed class SelectedOperation
{
    public static readonly AsyncLocal<SelectedOperation?> Current = new();

    public GraphQLOperationDefinition? Operation { get; set; }
}

/// <summary>Records the selected operation for <see cref="GraphQLOperationInstrumentation"/>; reports nothing.</summary>
internal sealed class SelectedOperationRule : IValidationRule
{
    public ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context)
    {
        if (SelectedOperation.Current.Value is { } selected)
        {
            selected.Operation = context.Operation;
        }

        return default;
    }

    public ValueTask<IVariableVisitor?> GetVariableVisitorAsync(ValidationContext context) => default;

    public ValueTask<INodeVisitor?> GetPostNodeVisitorAsync(ValidationContext context) => default;
}

/// <summary>The one <see cref="System.Diagnostics.ActivitySource"/> of the operation spans, named as the host says.</summary>
internal sealed class GraphQLTelemetrySource(GraphQLTelemetryNames names) : IDisposable
{
    public GraphQLTelemetryNames Names { get; } = names;

    public ActivitySource ActivitySource { get; } = new(names.ActivitySourceName);

    public void Dispose() => ActivitySource.Dispose();
}
