using GraphQL;
using GraphQL.Execution;
using GraphQL.Types;
using GraphQL.Validation;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using SkillMatrix.BuildingBlocks.Security;

namespace SkillMatrix.BuildingBlocks.Http;

/// <summary>
/// One GraphQL-over-HTTP exchange: method and media-type checks, reading the request, executing it with the
/// GraphQL.NET executer from DI and writing the result with the status code the spec gives for the chosen media type.
/// </summary>
internal sealed partial class GraphQLHttpHandler(
    IOptionsMonitor<GraphQLHttpOptions> options,
    IGraphQLSerializer serializer,
    ILogger<GraphQLHttpHandler> logger)
{
    private const string AllowGetAndPost = "GET, POST";

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
            // A fault of ours, not of the request: log it and answer 500 without exception details.
            LogUnexpectedFailure(logger, ex);
            context.Response.Clear();
            await WriteRejectionAsync(context, ResponseFormat.Json,
                new Rejection(StatusCodes.Status500InternalServerError, GraphQLHttpErrorCodes.InternalServerError, "An unexpected error occurred."));
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

        var result = await ExecuteAsync(context, read.Request!, isGet);
        await WriteResultAsync(context, format.Value, result);
    }

    private Task<ExecutionResult> ExecuteAsync(HttpContext context, GraphQLHttpRequest request, bool isGet)
    {
        var executionOptions = new ExecutionOptions
        {
            Query = request.Query,
            OperationName = request.OperationName,
            Variables = request.Variables,
            Extensions = request.Extensions,
            RequestServices = context.RequestServices,
            User = context.User,
            CancellationToken = context.RequestAborted,
            // Resolver exceptions reach the client only as "Error trying to resolve field"; the log keeps the rest.
            UnhandledExceptionDelegate = LogUnhandledExceptionAsync,
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

    private Task LogUnhandledExceptionAsync(UnhandledExceptionContext context)
    {
        LogResolverFailure(logger, context.FieldContext?.FieldDefinition.Name, context.OriginalException);
        return Task.CompletedTask;
    }

    private Task WriteResultAsync(HttpContext context, ResponseFormat format, ExecutionResult result)
    {
        var statusCode = StatusCodeFor(result, format);
        if (statusCode == StatusCodes.Status405MethodNotAllowed)
        {
            context.Response.Headers.Allow = "POST";
        }
        else if (statusCode == StatusCodes.Status401Unauthorized)
        {
            // RFC 9110 §15.5.2: a 401 names how to authenticate.
            context.Response.Headers.WWWAuthenticate = JwtBearerDefaults.AuthenticationScheme;
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

    [LoggerMessage(Level = LogLevel.Error, Message = "GraphQL resolver for field '{Field}' failed")]
    private static partial void LogResolverFailure(ILogger logger, string? field, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "GraphQL request failed unexpectedly")]
    private static partial void LogUnexpectedFailure(ILogger logger, Exception exception);
}
