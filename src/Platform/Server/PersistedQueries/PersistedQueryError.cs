using GraphQL.Execution;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using Platform.Server.Http;

namespace Platform.Server.PersistedQueries;

/// <summary>
/// A persisted-query request refused before its document was parsed: a request error (400 under
/// application/graphql-response+json, 200 under application/json), with the codes and messages Apollo Server sends.
/// </summary>
internal sealed class PersistedQueryError : RequestError
{
    public const string NotFoundCode = "PERSISTED_QUERY_NOT_FOUND";
    public const string HashMismatchCode = "PERSISTED_QUERY_HASH_MISMATCH";
    public const string VersionNotSupportedCode = "PERSISTED_QUERY_VERSION_NOT_SUPPORTED";

    private PersistedQueryError(string code, string message) : base(message)
    {
        Code = code;
    }

    /// <summary>The message is what Apollo clients match on to send the query with its hash.</summary>
    public static PersistedQueryError NotFound() => new(NotFoundCode, "PersistedQueryNotFound");

    public static PersistedQueryError HashMismatch() =>
        new(HashMismatchCode, "The persisted query's sha256Hash is not the SHA-256 of the query text.");

    public static PersistedQueryError VersionNotSupported() =>
        new(VersionNotSupportedCode, "Only version 1 of the persistedQuery extension is supported.");
}

/// <summary>
/// "Not found" is answered 200 under both media types, though the GraphQL-over-HTTP spec would have 400 under
/// application/graphql-response+json: it is not a failure but the first half of the exchange, and Apollo Server
/// answers it 200. Apollo Client 3 before 3.8 turns persisted queries off for good on a 400 (its default
/// <c>disable</c>), so a 400 would cost every later request its hash; later clients read the body of either.
/// No-cache, so that a CDN caching GET by hash does not keep the miss after the client
/// registered the document.
/// </summary>
internal sealed class PersistedQueryNotFoundStatus : IGraphQLErrorStatus
{
    public int? StatusCodeFor(ExecutionErrors errors, ResponseFormat format) =>
        errors.Any(e => e is PersistedQueryError { Code: PersistedQueryError.NotFoundCode }) ? StatusCodes.Status200OK : null;

    public void WriteHeaders(HttpResponse response, ExecutionErrors errors) =>
        response.Headers[HeaderNames.CacheControl] = "private, no-cache, must-revalidate";
}
