using Microsoft.AspNetCore.Http;
using Platform.Server.Http;

namespace Platform.Server.Security;

/// <summary>
/// A request refused for authorization alone (the rule runs only on an otherwise valid document): 401 when nobody is
/// signed in, 403 when the signed-in user may not, as the spec allows for a request the client may not make. Not for
/// application/json, whose clients cannot trust a 4xx body: there it is a request error like any other.
/// </summary>
internal sealed class AuthorizationErrorStatus : IGraphQLErrorStatus
{
    public int? StatusCodeFor(ExecutionErrors errors, ResponseFormat format)
    {
        if (format != ResponseFormat.GraphQLResponseJson || !errors.All(e => e is AuthorizationError))
        {
            return null;
        }

        return errors.Any(e => e is AuthorizationError { IsNotAuthenticated: true })
            ? StatusCodes.Status401Unauthorized
            : StatusCodes.Status403Forbidden;
    }

    public void WriteHeaders(HttpResponse response, ExecutionErrors errors)
    {
        if (response.StatusCode == StatusCodes.Status401Unauthorized)
        {
            // RFC 9110 §15.5.2: a 401 names how to authenticate; RFC 6750 §3.1: and why a token sent was refused.
            response.Headers.WWWAuthenticate = BearerTokenRefusal.ChallengeFor(response.HttpContext);
        }
    }
}
