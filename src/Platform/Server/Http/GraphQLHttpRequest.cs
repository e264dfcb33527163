namespace Platform.Server.Http;

/// <summary>
/// A well-formed GraphQL-over-HTTP request: the four parameters, each of the type the spec requires, and the document id
/// of the spec's persisted-documents proposal (<c>documentId</c>, or <c>id</c> as HotChocolate and Relay send it). The
/// query is null only when an <see cref="IGraphQLQuerySource"/> will supply it from the document id or the extensions.
/// </summary>
internal sealed record GraphQLHttpRequest(string? Query, string? OperationName, Inputs? Variables, Inputs? Extensions, string? DocumentId = null);

/// <summary>Either a well-formed request or the reason it is not one.</summary>
internal readonly record struct ReadResult(GraphQLHttpRequest? Request, Rejection? Rejection)
{
    public static implicit operator ReadResult(GraphQLHttpRequest request) => new(request, null);

    public static implicit operator ReadResult(Rejection rejection) => new(null, rejection);
}
