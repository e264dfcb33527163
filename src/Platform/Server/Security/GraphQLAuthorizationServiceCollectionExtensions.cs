using Platform.Server.Http;

namespace Platform.Server.Security;

public static class GraphQLAuthorizationServiceCollectionExtensions
{
    /// <summary>
    /// The validation rule that enforces GraphQL.NET's <c>Authorize()</c>, <c>AuthorizeWithRoles</c>,
    /// <c>AuthorizeWithPolicy</c> and <c>AllowAnonymous()</c> metadata against the request's user.
    /// </summary>
    public static IServiceCollection AddGraphQLAuthorization(this IServiceCollection services)
    {
        // Also for documents served from a document cache: who may run a document differs from request to request.
        services.AddGraphQL(graphql => graphql.AddValidationRule<FieldAuthorizationRule>(useForCachedDocuments: true));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IGraphQLErrorStatus, AuthorizationErrorStatus>());
        return services;
    }
}
