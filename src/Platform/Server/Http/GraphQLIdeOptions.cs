namespace Platform.Server.Http;

/// <summary>The GraphiQL IDE on the GraphQL path, bound from <see cref="SectionName"/>.</summary>
public sealed class GraphQLIdeOptions
{
    public const string SectionName = "GraphQL:Ide";

    /// <summary>
    /// Serve the IDE to browsers on <c>GET</c> without a query, and its assets under the endpoint's <c>/ide/</c> path.
    /// Unset: only in Development. An IDE in production is one more page to keep patched and tells a prober what the
    /// server is; a team that wants it there says so.
    /// </summary>
    public bool? Enabled { get; set; }

    /// <summary>The title of the page; the host names its product here.</summary>
    public string Title { get; set; } = "GraphQL";
}
