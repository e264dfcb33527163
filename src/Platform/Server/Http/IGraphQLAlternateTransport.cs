using Microsoft.AspNetCore.Http;

namespace Platform.Server.Http;

/// <summary>
/// Another protocol on the GraphQL endpoint's path (a WebSocket upgrade, a request for a server-sent event stream). The
/// endpoint hands it the requests it <see cref="Accepts"/> before any GraphQL-over-HTTP processing, so this transport
/// names none of them.
/// </summary>
internal interface IGraphQLAlternateTransport
{
    bool Accepts(HttpContext context);

    Task HandleAsync(HttpContext context);
}
