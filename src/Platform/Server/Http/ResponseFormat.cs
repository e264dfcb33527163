namespace Platform.Server.Http;

/// <summary>The two media types a GraphQL response can be written in.</summary>
internal enum ResponseFormat
{
    /// <summary><c>application/graphql-response+json</c>: status codes tell request errors (4xx) from results (200).</summary>
    GraphQLResponseJson,

    /// <summary><c>application/json</c>, the legacy type: every well-formed request gets 200, whatever happened.</summary>
    Json,
}

internal static class ResponseFormats
{
    public const string GraphQLResponseJsonMediaType = "application/graphql-response+json";
    public const string JsonMediaType = "application/json";

    public static string ContentType(this ResponseFormat format) => format switch
    {
        ResponseFormat.GraphQLResponseJson => GraphQLResponseJsonMediaType + "; charset=utf-8",
        _ => JsonMediaType + "; charset=utf-8",
    };
}
