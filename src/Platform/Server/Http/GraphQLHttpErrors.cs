using GraphQL.Execution;
using GraphQL.Validation;
using GraphQLParser.AST;
using Microsoft.AspNetCore.Http;

namespace Platform.Server.Http;

/// <summary>The <c>extensions.code</c> values of the errors the transport itself raises.</summary>
internal static class GraphQLHttpErrorCodes
{
    public const string InvalidRequest = "INVALID_REQUEST";
    public const string InvalidJson = "INVALID_JSON";
    public const string JsonTooDeep = "JSON_TOO_DEEP";
    public const string BatchingNotSupported = "BATCHING_NOT_SUPPORTED";
    public const string UnsupportedMediaType = "UNSUPPORTED_MEDIA_TYPE";
    public const string NotAcceptable = "NOT_ACCEPTABLE";
    public const string RequestTooLarge = "REQUEST_TOO_LARGE";
    public const string MethodNotAllowed = "METHOD_NOT_ALLOWED";
    public const string InternalServerError = "INTERNAL";
    public const string StreamRequired = "STREAM_REQUIRED";
}

/// <summary>
/// A request refused before it reaches GraphQL. A <see cref="RequestError"/>, so it serializes like any GraphQL
/// request error (message plus <c>extensions.code</c>) through the registered error info provider.
/// </summary>
internal sealed class GraphQLHttpError : RequestError
{
    public GraphQLHttpError(string code, string message) : base(message)
    {
        Code = code;
    }
}

/// <summary>
/// An exception nobody expected, as the client sees it: "Unexpected Execution Error", code INTERNAL, and the trace id
/// under which the log has the details. The exception itself is attached only in Development, where
/// <c>ErrorInfoProviderOptions.ExposeExceptionDetails</c> may show it.
/// </summary>
internal sealed class UnexpectedExecutionError : ExecutionError
{
    public UnexpectedExecutionError(string traceId, Exception? exception)
        : base(GraphQLHttpHandler.UnexpectedErrorMessage, exception)
    {
        // The base constructor copied the exception's Data, which GraphQL.NET would expose as extensions.data.
        Data.Clear();
        Code = GraphQLHttpErrorCodes.InternalServerError;
        Extensions = new Dictionary<string, object?> { ["traceId"] = traceId };
    }
}

/// <summary>Why and how a request is refused: status code, error, and the Allow header a 405 must carry.</summary>
internal sealed record Rejection(int StatusCode, string Code, string Message, string? Allow = null)
{
    public static Rejection BadRequest(string message, string code = GraphQLHttpErrorCodes.InvalidRequest) =>
        new(StatusCodes.Status400BadRequest, code, message);

    public static Rejection TooLarge(long limit) =>
        new(StatusCodes.Status413PayloadTooLarge, GraphQLHttpErrorCodes.RequestTooLarge, $"The request body is larger than the limit of {limit} bytes.");
}

/// <summary>A mutation (or subscription) selected on a GET request: HTTP semantics make GET safe, so it is 405.</summary>
internal sealed class OperationNotAllowedOverGetError : ValidationError
{
    public OperationNotAllowedOverGetError(ValidationContext context, GraphQLOperationDefinition operation)
        : base(context.Document.Source, null, $"A {operation.Operation.ToString().ToLowerInvariant()} operation cannot be sent with GET; use POST.", operation)
    {
        Code = GraphQLHttpErrorCodes.MethodNotAllowed;
    }
}
