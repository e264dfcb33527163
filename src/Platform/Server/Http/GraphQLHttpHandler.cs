using System.Diagnostics;
using GraphQL.Execution;
using GraphQL.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Platform.Server.Http;

/// <summary>
/// One GraphQL-over-HTTP exchange: method and media-type checks, reading the request, executing it with the
/// GraphQL.NET executer from DI and writing the result with the status code the spec gives for the chosen media type.
/// What a rule refuses is answered through the <see cref="IGraphQLErrorStatus"/> the rule registered; the limits on the
/// document, the timeout and the cost report are the limits' own execution step, not the transport's.
/// </summary>
internal sealed partial class GraphQLHttpHandler(
    IOptionsMonitor<GraphQLHttpOptions> options,
    IOptionsMonitor<GraphQLIdeOptions> ideOptions,
    IGraphQLSerializer serializer,
    ILogger<GraphQLHttpHandler> logger,
    IEnumerable<IGraphQLErrorStatus> errorStatuses,
    IEnumerable<IGraphQLResponseHeaders> responseHeaders,
    IEnumerable<IGraphQLQuerySource> querySources,
    IEnumerable<IGraphQLAlternateTransport> alternateTransports,
    IHostEnvironment? environment = null)
{
    private const string AllowGetAndPost = "GET, POST";

    internal const string UnexpectedErrorMessage = "Unexpected Execution Error";

    private readonly IGraphQLErrorStatus[] errorStatuses = [.. errorStatuses];
    private readonly IGraphQLResponseHeaders[] responseHeaders = [.. responseHeaders];

    private readonly IGraphQLQuerySource[] querySources = [.. querySources];

    private readonly IGraphQLAlternateTransport[] alternateTransports = [.. alternateTransports];

    private bool IsDevelopment => environment?.IsDevelopment() == true;

    private bool IdeEnabled => ideOptions.CurrentValue.Enabled ?? IsDevelopment;

    /// <summary>
    /// One of the IDE's files, at <c>{endpoint}/ide/{package-version}/{file}</c>: the path names the version, so the file
    /// never changes under it and a browser may keep it a year without asking again. With the IDE off, 404 like any path.
    /// </summary>
    public async Task HandleIdeAssetAsync(HttpContext context)
    {
        var path = context.Request.RouteValues["path"] as string;
        if (!IdeEnabled || path is null || !GraphiQLAssets.Embedded.TryGet(path, out var asset))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var headers = context.Response.Headers;
        headers.CacheControl = "public, max-age=31536000, immutable";
        headers.ETag = asset.ETag;
        headers.XContentTypeOptions = "nosniff";
        if (context.Request.Headers.IfNoneMatch.Any(tag => tag == asset.ETag || tag == "*"))
        {
            context.Response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = asset.ContentType;
        context.Response.ContentLength = asset.Content.Length;
        await context.Response.Body.WriteAsync(asset.Content, context.RequestAborted);
    }

    public async Task HandleAsync(HttpContext context)
    {
        try
        {
            await HandleCoreAsync(context);
        }
        catch (Exception) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away (a cancelled execution, a reset while the body was read): nobody is left to answer,
            // and nothing failed on our side. An execution's own log line says it was cancelled.
        }
        catch (BadHttpRequestException ex) when (!context.Response.HasStarted)
        {
            // The server could not read the request (a truncated or malformed body): the client's fault, not ours.
            context.Response.Clear();
            await WriteRejectionAsync(context, ResponseFormat.Json,
                new Rejection(ex.StatusCode, GraphQLHttpErrorCodes.InvalidRequest, "The request could not be read."));
        }
        catch (Exception ex) when (!context.Response.HasStarted)
        {
            // A fault of ours, not of the request: log it and answer 500 without exception details; the trace id
            // lets whoever reports it find the log entry.
            var traceId = TraceId(context);
            LogUnexpectedFailure(logger, traceId, LoggedException.Of(ex));
            context.Response.Clear();
            var error = new GraphQLHttpError(GraphQLHttpErrorCodes.InternalServerError, UnexpectedErrorMessage)
            {
                Extensions = new Dictionary<string, object?> { ["traceId"] = traceId },
            };
            await WriteJsonAsync(context, ResponseFormat.Json, StatusCodes.Status500InternalServerError, new ExecutionResult { Errors = [error] });
        }
    }

    private async Task HandleCoreAsync(HttpContext context)
    {
        foreach (var transport in alternateTransports)
        {
            if (transport.Accepts(context))
            {
                await transport.HandleAsync(context);
                return;
            }
        }

        var request = context.Request;
        var settings = options.CurrentValue;
        var isGet = HttpMethods.IsGet(request.Method);

        if (isGet && settings.EnableSdl && request.Query.ContainsKey("sdl"))
        {
            await WriteSdlAsync(context);
            return;
        }

        // A GET naming a document by id is a request, not a browser opening the IDE.
        if (isGet && IdeEnabled && !request.Query.ContainsKey("query") && !GraphQLRequestReader.NamesDocumentId(request.Query)
            && AcceptNegotiation.AcceptsHtml(request))
        {
            await WriteIdeAsync(context, ideOptions.CurrentValue.Title);
            return;
        }

        var format = AcceptNegotiation.Negotiate(request);
        if (!isGet && !HttpMethods.IsPost(request.Method))
        {
            await WriteRejectionAsync(context, format ?? ResponseFormat.Json, new Rejection(StatusCodes.Status405MethodNotAllowed,
                GraphQLHttpErrorCodes.MethodNotAllowed, $"The {request.Method} method is not supported; use GET or POST.", AllowGetAndPost));
            return;
        }

        if (format is null)
        {
            // The client accepts neither GraphQL media type; the error body is JSON all the same, for whoever reads it.
            await WriteRejectionAsync(context, ResponseFormat.Json, new Rejection(StatusCodes.Status406NotAcceptable, GraphQLHttpErrorCodes.NotAcceptable,
                $"The Accept header must allow {ResponseFormats.GraphQLResponseJsonMediaType} or {ResponseFormats.JsonMediaType}."));
            return;
        }

        var read = isGet
            ? GraphQLRequestReader.ReadGet(request.Query, serializer, SuppliesQuery)
            : await GraphQLRequestReader.ReadPostAsync(context, settings.MaxRequestBodyBytes, serializer, SuppliesQuery);
        if (read.Rejection is not null)
        {
            await WriteRejectionAsync(context, format.Value, read.Rejection);
            return;
        }

        var result = await ExecuteAsync(context, read.Request!, isGet);
        if (result.Streams is not null)
        {
            // A subscription answers a stream of results, which one JSON body cannot carry. Its streams are not yet
            // subscribed to, so dropping them costs nothing.
            result = new ExecutionResult { Errors = [new GraphQLHttpError(GraphQLHttpErrorCodes.StreamRequired,
                "A subscription is served over a WebSocket (subprotocol graphql-transport-ws) or as server-sent events (Accept: text/event-stream).")] };
        }

        await WriteResultAsync(context, format.Value, result);
    }

    private bool SuppliesQuery(string? documentId, Inputs? extensions) => querySources.Any(source => source.CanSupply(documentId, extensions));

    private Task<ExecutionResult> ExecuteAsync(HttpContext context, GraphQLHttpRequest request, bool isGet)
    {
        var executionOptions = new ExecutionOptions
        {
            Query = request.Query,
            OperationName = request.OperationName,
            Variables = request.Variables,
            Extensions = request.Extensions,
            // GraphQL.NET's own slot for the persisted-documents id; whoever supplies documents by id reads it there.
            DocumentId = request.DocumentId,
            RequestServices = context.RequestServices,
            User = context.User,
            // An execution step may set a Timeout: the executer then links a token source to this one, cancels it
            // after the timeout and hands the linked token to validation and every resolver. The client's disconnect
            // cancels as before.
            CancellationToken = context.RequestAborted,
            UnhandledExceptionDelegate = exception => MaskUnhandledExceptionAsync(context, exception),
        };

        if (isGet)
        {
            // In both lists: a document served from GraphQL.NET's document cache runs only the cached-document rules.
            // IConfigureExecution registrations (AddValidationRule) append to these, so the rule stays in force.
            executionOptions.ValidationRules = DocumentValidator.CoreRules.Append(OnlyQueriesOverGetRule.Instance);
            executionOptions.CachedDocumentValidationRules = [OnlyQueriesOverGetRule.Instance];
        }

        // The typed executer takes the schema from RequestServices and runs the IConfigureExecution pipeline.
        var executer = context.RequestServices.GetRequiredService<IDocumentExecuter<ISchema>>();
        return executer.ExecuteAsync(executionOptions);
    }

    /// <summary>
    /// An exception no resolver turned into a GraphQL error: logged with a trace id, and answered as
    /// "Unexpected Execution Error" (code INTERNAL, that trace id) whatever it was. Outside Development the exception
    /// is not attached, so neither its message, its type (as a code) nor its data can reach the response.
    /// </summary>
    private Task MaskUnhandledExceptionAsync(HttpContext http, UnhandledExceptionContext context)
    {
        // The timeout cancelled a statement that the database provider reports as its own error, not a cancellation.
        if (context.ExecutionOptions.CancellationToken.IsCancellationRequested && !http.RequestAborted.IsCancellationRequested)
        {
            context.Exception = new TimeoutError();
            return Task.CompletedTask;
        }

        var traceId = TraceId(http);
        // After a disconnect a field fails because its statement was interrupted or its read cancelled, once per field
        // still running: not a fault of ours. The operation's log line records the cancellation once, at Information.
        if (!http.RequestAborted.IsCancellationRequested)
        {
            LogResolverFailure(logger, context.FieldContext?.FieldDefinition.Name, traceId, LoggedException.Of(context.OriginalException));
        }

        context.Exception = new UnexpectedExecutionError(traceId, IsDevelopment ? context.OriginalException : null);
        return Task.CompletedTask;
    }

    private static string TraceId(HttpContext context) => Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier;

    private Task WriteResultAsync(HttpContext context, ResponseFormat format, ExecutionResult result)
    {
        var (statusCode, answeredBy) = StatusCodeFor(result, format, errorStatuses);
        if (statusCode == StatusCodes.Status405MethodNotAllowed)
        {
            context.Response.Headers.Allow = "POST";
        }

        context.Response.StatusCode = statusCode;
        answeredBy?.WriteHeaders(context.Response, result.Errors!);
        foreach (var headers in responseHeaders)
        {
            headers.WriteHeaders(context);
        }

        return WriteJsonAsync(context, format, statusCode, result);
    }

    /// <inheritdoc cref="StatusCodeFor(ExecutionResult, ResponseFormat, IReadOnlyList{IGraphQLErrorStatus})"/>
    internal static int StatusCodeFor(ExecutionResult result, ResponseFormat format) => StatusCodeFor(result, format, []).StatusCode;

    /// <summary>
    /// The spec's status codes. A result whose execution started carries data (possibly with field errors): 200.
    /// A request error (syntax, validation, variable coercion, unknown operation) stopped it before execution:
    /// 400 for application/graphql-response+json (401/403 when refused for authorization alone); 200 for
    /// application/json, whose clients cannot trust a 4xx body. A rule's own errors get the status its
    /// <see cref="IGraphQLErrorStatus"/> gives (and that one writes the headers).
    /// </summary>
    internal static (int StatusCode, IGraphQLErrorStatus? AnsweredBy) StatusCodeFor(ExecutionResult result, ResponseFormat format,
        IReadOnlyList<IGraphQLErrorStatus> errorStatuses)
    {
        if (result.Executed)
        {
            return (StatusCodes.Status200OK, null);
        }

        var errors = result.Errors;
        if (errors is null || errors.Count == 0)
        {
            return (StatusCodes.Status500InternalServerError, null);
        }

        if (errors.Any(e => e is OperationNotAllowedOverGetError))
        {
            return (StatusCodes.Status405MethodNotAllowed, null);
        }

        foreach (var errorStatus in errorStatuses)
        {
            if (errorStatus.StatusCodeFor(errors, format) is { } statusCode)
            {
                return (statusCode, errorStatus);
            }
        }

        return (StatusCodeOfRequestErrors(errors, format), null);
    }

    private static int StatusCodeOfRequestErrors(ExecutionErrors errors, ResponseFormat format)
    {
        // The request was fine but did not finish in time: 504 (the server, acting for its database, got no timely
        // answer) under application/graphql-response+json; 200 under application/json, as for any other GraphQL error.
        if (errors.Any(e => e is TimeoutError))
        {
            return format == ResponseFormat.Json ? StatusCodes.Status200OK : StatusCodes.Status504GatewayTimeout;
        }

        // Anything else (an exception outside a resolver, a timeout) is the server's failure, not the request's.
        if (!errors.All(e => e is DocumentError or RequestError))
        {
            return StatusCodes.Status500InternalServerError;
        }

        return format == ResponseFormat.Json ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest;
    }

    private Task WriteRejectionAsync(HttpContext context, ResponseFormat format, Rejection rejection)
    {
        if (rejection.Allow is not null)
        {
            context.Response.Headers.Allow = rejection.Allow;
        }

        var result = new ExecutionResult { Errors = [new GraphQLHttpError(rejection.Code, rejection.Message)] };
        return WriteJsonAsync(context, format, rejection.StatusCode, result);
    }

    private async Task WriteJsonAsync(HttpContext context, ResponseFormat format, int statusCode, ExecutionResult result)
    {
        var response = context.Response;
        response.StatusCode = statusCode;
        response.ContentType = format.ContentType();
        // The media type, and so the status code, depends on Accept: caches must key on it.
        response.Headers.Vary = HeaderNames.Accept;
        await serializer.WriteAsync(response.Body, result, context.RequestAborted);
    }

    private static async Task WriteSdlAsync(HttpContext context)
    {
        var schema = context.RequestServices.GetRequiredService<ISchema>();
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(schema.Print(), context.RequestAborted);
    }

    private static async Task WriteIdeAsync(HttpContext context, string title)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.Headers.Vary = HeaderNames.Accept;
        var endpointPath = (context.Request.PathBase + context.Request.Path).ToUriComponent();
        await context.Response.WriteAsync(GraphiQLPage.Render(endpointPath, title, GraphiQLAssets.Embedded), context.RequestAborted);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "GraphQL resolver for field '{Field}' failed (trace id {TraceId})")]
    private static partial void LogResolverFailure(ILogger logger, string? field, string traceId, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "GraphQL request failed unexpectedly (trace id {TraceId})")]
    private static partial void LogUnexpectedFailure(ILogger logger, string traceId, Exception exception);
}
