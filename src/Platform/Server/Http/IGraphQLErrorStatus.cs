using Microsoft.AspNetCore.Http;

namespace Platform.Server.Http;

/// <summary>
/// How one rule's request errors are answered over HTTP (a status code other than 400, and the headers it needs).
/// Each rule that raises such errors registers one in DI, so the transport names no rule. Consulted, in registration
/// order, only for a result that did not execute and was not refused for its method (405).
/// </summary>
internal interface IGraphQLErrorStatus
{
    /// <summary>The status code for these errors, or null when they are not this rule's to answer.</summary>
    int? StatusCodeFor(ExecutionErrors errors, ResponseFormat format);

    /// <summary>
    /// The headers the status code returned by <see cref="StatusCodeFor"/> needs (Retry-After, WWW-Authenticate); the
    /// response's status code is already set.
    /// </summary>
    void WriteHeaders(HttpResponse response, ExecutionErrors errors);
}
