using GraphQL.Execution;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using Platform.Server.Http;

namespace Platform.Server.PersistedQueries;

/// <summary>
/// A request refused by the persisted-operation manifest before its document was parsed: a request error (400 under
/// application/graphql-response+json, 200 under application/json).
/// </summary>
internal sealed class PersistedOperationError : RequestError
{
    public const string NotFoundCode = "PERSISTED_OPERATION_NOT_FOUND";

    /// <summary>HotChocolate's HC0067 ("Only persisted operations are allowed"), under a code that says it.</summary>
    public const string OnlyPersistedCode = "ONLY_PERSISTED_OPERATIONS_ALLOWED";

    private PersistedOperationError(string code, string message) : base(message)
    {
        Code = code;
    }

    public static PersistedOperationError NotFound() =>
        new(NotFoundCode, "The persisted operation is not in the manifest: the id names no document this server knows.");

    public static PersistedOperationError OnlyPersisted() =>
        new(OnlyPersistedCode, "Only persisted operations are allowed: send the id of an operation from the manifest.");
}

/// <summary>
/// The spec's status codes for these request errors, with no-cache: the manifest is replaced with a deploy, and a CDN
/// caching a GET by id must not keep a refusal past it. A GET by an id it knows is answered like any query, cacheable.
/// </summary>
internal sealed class PersistedOperationErrorStatus : IGraphQLErrorStatus
{
    public int? StatusCodeFor(ExecutionErrors errors, ResponseFormat format) =>
        errors.Any(e => e is PersistedOperationError)
            ? format == ResponseFormat.Json ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest
            : null;

    public void WriteHeaders(HttpResponse response, ExecutionErrors errors) =>
        response.Headers[HeaderNames.CacheControl] = "private, no-cache, must-revalidate";
}
