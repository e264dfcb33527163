using System.Diagnostics;
using System.Globalization;
using GraphQL;
using GraphQL.Execution;
using GraphQL.Types;
using GraphQL.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Platform.Server.Limits;
using Platform.Server.Security;

namespace Platform.Server.Http;

/// <summary>
/// One GraphQL-over-HTTP exchange: method and media-type checks, reading the request, executing it with the
/// GraphQL.NET executer from DI and writing the result with the status code the spec gives for the chosen media type.
/// The limits of <see cref="GraphQLLimitsOptions"/> that belong to the transport are applied here: the document's size
/// and tokens before it is parsed, the execution timeout, the 429 of the rate limit, the cost report, and what errors
/// may say outside Development (no exception details, no "Did you mean" suggestions).
/// </summary>
internal sealed partial class GraphQLHttpHandler(
    IOptionsMonitor<GraphQLHttpOptions> options,
    IOptionsMonitor<GraphQLLimitsOptions> limitsOptions,
    IGraphQLSerializer serializer,
    ILogger<GraphQLHttpHandler> logger,
    IHostEnvironment? environment = null)
{
    private const string AllowGetAndPost = "GET, POST";

    /// <summary>The request header asking for the computed cost in the response's extensions, as HotChocolate names it.</summary>
    internal const string CostHeader = "GraphQL-Cost";

    internal const string UnexpectedErrorMessage = "Unexpected Execution Error";

    private const string Suggestion = " Did you mean ";

    private bool IsDevelopment => environment?.IsDevelopment() == true;

    public async Task HandleAsync(HttpContext context)
    {
        try
        {
            await HandleCoreAsync(context);
        }
        catch (Exception) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away (a cancelled execution, a reset while the body was read): nobody is left to answer.
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
            LogUnexpectedFailure(logger, traceId, ex);
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
        var request = context.Request;
        var settings = options.CurrentValue;
        var isGet = HttpMethods.IsGet(request.Method);

        if (isGet && settings.EnableSdl && request.Query.ContainsKey("sdl"))
        {
            await WriteSdlAsync(context);
            return;
        }

        if (isGet && settings.EnableIde && !request.Query.ContainsKey("query") && AcceptNegotiation.AcceptsHtml(request))
        {
            await WriteIdeAsync(context);
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
            ? GraphQLRequestReader.ReadGet(request.Query, serializer)
            : await GraphQLRequestReader.ReadPostAsync(context, settings.MaxRequestBodyBytes, serializer);
        if (read.Rejection is not null)
        {
            await WriteRejectionAsync(context, format.Value, read.Rejection);
            return;
        }

        var limits = limitsOptions.CurrentValue;
        if (DocumentLimits.Check(read.Request!.Query, limits) is { } refused)
        {
            // A request error like a syntax error: the document is never parsed.
            var error = new GraphQLHttpError(refused.Code, refused.Message) { Extensions = refused.Extensions };
            await WriteResultAsync(context, format.Value, new ExecutionResult { Errors = [error] });
            return;
        }

        var result = await ExecuteAsync(context, read.Request!, isGet, limits);
        if (!(limits.FieldSuggestions ?? IsDevelopment))
        {
            WithoutSuggestions(result);
        }

        ReportCost(context, result);
        await WriteResultAsync(context, format.Value, result);
    }

    private Task<ExecutionResult> ExecuteAsync(HttpContext context, GraphQLHttpRequest request, bool isGet, GraphQLLimitsOptions limits)
    {
        var executionOptions = new ExecutionOptions
        {
            Query = request.Query,
            OperationName = request.OperationName,
            Variables = request.Variables,
            Extensions = request.Extensions,
            RequestServices = context.RequestServices,
            User = context.User,
            // The executer links a token source to this one and cancels it after Timeout, and hands the linked token
            // to validation and every resolver (EF Core passes it to the database, which stops the statement). The
            // client's disconnect still cancels as before; a timeout becomes a TIMEOUT error (TimeoutError).
            CancellationToken = context.RequestAborted,
            Timeout = limits.ExecutionTimeout > TimeSpan.Zero ? limits.ExecutionTimeout : Timeout.InfiniteTimeSpan,
            TimeoutAction = TimeoutAction.ReturnTimeoutError,
            UnhandledExceptionDelegate = exception => MaskUnhandledExceptionAsync(context, exception),
        };

        // The cost rule charges the rate limit to the signed-in member, else to the client's address. A request
        // with neither (an in-process test server; a Unix socket) has nobody to charge and is not limited: one
        // shared bucket would let any one caller lock out all the others. Behind a proxy, the address is the
        // client's only once ForwardedHeaders is configured; otherwise every client shares the proxy's.
        if (limits.RateLimit.Enabled && context.RequestServices.GetService<GraphQLRequestLimits>() is { } requestLimits)
        {
            requestLimits.RateLimitPartition = context.User.GetMemberId() is { } memberId ? "member:" + memberId
                : context.Connection.RemoteIpAddress is { } address ? "ip:" + address
                : null;
        }

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
        LogResolverFailure(logger, context.FieldContext?.FieldDefinition.Name, traceId, context.OriginalException);
        context.Exception = new UnexpectedExecutionError(traceId, IsDevelopment ? context.OriginalException : null);
        return Task.CompletedTask;
    }

    private static string TraceId(HttpContext context) => Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier;

    /// <summary>
    /// Drops GraphQL.NET's "Did you mean ...?" from validation messages: they read the schema out to someone guessing
    /// at it, which introspection being off should not leave open.
    /// </summary>
    private static void WithoutSuggestions(ExecutionResult result)
    {
        if (result.Errors is not { } errors || !errors.Any(e => e is ValidationError && e.Message.Contains(Suggestion, StringComparison.Ordinal)))
        {
            return;
        }

        var rewritten = new ExecutionErrors();
        foreach (var error in errors)
        {
            if (error is ValidationError validation && error.Message.IndexOf(Suggestion, StringComparison.Ordinal) is var at and >= 0)
            {
                var replacement = new ValidationError(error.Message[..at]) { Code = error.Code, Number = validation.Number, Path = error.Path, Extensions = error.Extensions };
                foreach (var location in error.Locations ?? [])
                {
                    replacement.AddLocation(location);
                }

                rewritten.Add(replacement);
            }
            else
            {
                rewritten.Add(error);
            }
        }

        result.Errors = rewritten;
    }

    /// <summary>The computed cost in the response's extensions, when the client asked with <c>GraphQL-Cost: report</c>.</summary>
    private static void ReportCost(HttpContext context, ExecutionResult result)
    {
        if (!context.Request.Headers[CostHeader].Any(v => string.Equals(v?.Trim(), "report", StringComparison.OrdinalIgnoreCase))
            || context.RequestServices.GetService<GraphQLRequestLimits>() is not { Cost: { } cost } limits)
        {
            return;
        }

        result.Extensions ??= [];
        result.Extensions["cost"] = new Dictionary<string, object?> { ["requestedQueryCost"] = cost, ["maxQueryCost"] = limits.MaxCost };
    }

    private Task WriteResultAsync(HttpContext context, ResponseFormat format, ExecutionResult result)
    {
        var statusCode = StatusCodeFor(result, format);
        if (statusCode == StatusCodes.Status405MethodNotAllowed)
        {
            context.Response.Headers.Allow = "POST";
        }
        else if (statusCode == StatusCodes.Status429TooManyRequests)
        {
            var retryAfter = result.Errors!.OfType<RateLimitedError>().Max(e => e.RetryAfter);
            context.Response.Headers.RetryAfter = RateLimitedError.RetryAfterSeconds(retryAfter).ToString(CultureInfo.InvariantCulture);
        }
        else if (statusCode == StatusCodes.Status401Unauthorized)
        {
            // RFC 9110 §15.5.2: a 401 names how to authenticate.
            context.Response.Headers.WWWAuthenticate = "Bearer";
        }

        return WriteJsonAsync(context, format, statusCode, result);
    }

    /// <summary>
    /// The spec's status codes. A result whose execution started carries data (possibly with field errors): 200.
    /// A request error (syntax, validation, variable coercion, unknown operation) stopped it before execution:
    /// 400 for application/graphql-response+json (401/403 when refused for authorization alone); 200 for
    /// application/json, whose clients cannot trust a 4xx body.
    /// </summary>
    internal static int StatusCodeFor(ExecutionResult result, ResponseFormat format)
    {
        if (result.Executed)
        {
            return StatusCodes.Status200OK;
        }

        var errors = result.Errors;
        if (errors is null || errors.Count == 0)
        {
            return StatusCodes.Status500InternalServerError;
        }

        if (errors.Any(e => e is OperationNotAllowedOverGetError))
        {
            return StatusCodes.Status405MethodNotAllowed;
        }

        // Rate limiting is HTTP's business, whatever the media type: 429 with Retry-After is what clients and proxies
        // know to back off on.
        if (errors.Any(e => e is RateLimitedError))
        {
            return StatusCodes.Status429TooManyRequests;
        }

        // The request was fine but did not finish in time: 504 (the server, acting for its database, got no timely
        // answer) under application/graphql-response+json; 200 under application/json, as for any other GraphQL error.
        if (errors.Any(e => e is TimeoutError))
        {
            return format == ResponseFormat.Json ? StatusCodes.Status200OK : StatusCodes.Status504GatewayTimeout;
        }

        // Refused for authorization alone (the rule runs only on an otherwise valid document): 401 when nobody is
        // signed in, 403 when the signed-in user may not, as the spec allows for a request the client may not make.
        // Not for application/json, whose clients cannot trust a 4xx body: 200 as for any other request error.
        if (format == ResponseFormat.GraphQLResponseJson && errors.All(e => e is AuthorizationError))
        {
            return errors.Any(e => e is AuthorizationError { IsNotAuthenticated: true })
                ? StatusCodes.Status401Unauthorized
                : StatusCodes.Status403Forbidden;
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

    private static async Task WriteIdeAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.Headers.Vary = HeaderNames.Accept;
        var endpointPath = (context.Request.PathBase + context.Request.Path).ToUriComponent();
        await context.Response.WriteAsync(GraphiQLPage.Render(endpointPath), context.RequestAborted);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "GraphQL resolver for field '{Field}' failed (trace id {TraceId})")]
    private static partial void LogResolverFailure(ILogger logger, string? field, string traceId, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "GraphQL request failed unexpectedly (trace id {TraceId})")]
    private static partial void LogUnexpectedFailure(ILogger logger, string traceId, Exception exception);
}
