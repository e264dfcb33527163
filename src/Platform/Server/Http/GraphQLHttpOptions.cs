namespace Platform.Server.Http;

/// <summary>Settings of the GraphQL-over-HTTP endpoint, bound from <see cref="SectionName"/>.</summary>
public sealed class GraphQLHttpOptions
{
    public const string SectionName = "GraphQL:Http";

    /// <summary>
    /// Largest request body accepted, in bytes; a longer one is refused with 413 before it is parsed, so a client
    /// cannot make the server buffer an arbitrarily large document. 1 MiB by default.
    /// </summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Serve the schema text on <c>GET ?sdl</c>.</summary>
    public bool EnableSdl { get; set; } = true;
}
