using GraphQL.Validation;
using GraphQLParser.AST;

namespace Platform.Server.Security;

/// <summary>The <c>extensions.code</c> values of authorization errors.</summary>
public static class AuthorizationErrorCodes
{
    /// <summary>The request touches something that needs a signed-in user, and nobody is signed in.</summary>
    public const string NotAuthenticated = "AUTH_NOT_AUTHENTICATED";

    /// <summary>The signed-in user lacks a role or fails a policy the request needs.</summary>
    public const string NotAuthorized = "AUTH_NOT_AUTHORIZED";
}

/// <summary>
/// A validation error, so that a refused request executes nothing. The transport maps a request refused for these
/// alone to 401 or 403 (<see cref="IsNotAuthenticated"/>).
/// </summary>
public sealed class AuthorizationError : ValidationError
{
    internal AuthorizationError(ValidationContext context, ASTNode node, string code, string message)
        : base(context.Document.Source, null, message, node)
    {
        Code = code;
    }

    public bool IsNotAuthenticated => Code == AuthorizationErrorCodes.NotAuthenticated;
}
