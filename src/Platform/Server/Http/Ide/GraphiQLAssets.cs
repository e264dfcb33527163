using System.Collections.Frozen;
using System.Reflection;
using System.Security.Cryptography;

namespace Platform.Server.Http;

/// <summary>One file of the IDE as it is served: its bytes, media type and entity tag (a hash of the bytes).</summary>
internal sealed record GraphiQLAsset(byte[] Content, string ContentType, string ETag);

/// <summary>
/// The IDE's files (graphiql's bundle and stylesheet, React's and ReactDOM's UMD builds, each package's LICENSE), served
/// by the server itself so that the page works without internet access and loads nothing from a third party. They are
/// embedded resources of this assembly rather than static files of the host: the page and the files it names then ship
/// and version together in one assembly, whatever the host's content root, working directory or publish layout, with no
/// static-file middleware to configure. <c>assets/</c> holds them, one folder per package and version
/// (<c>graphiql-3.9.0/</c>), with <c>assets/packages.json</c> recording where each came from;
/// <c>scripts/update-graphiql.sh VERSION</c> replaces them from the npm registry.
/// </summary>
internal sealed class GraphiQLAssets
{
    /// <summary>The resources' names start with this (see the project file's <c>EmbeddedResource</c>).</summary>
    private const string ResourcePrefix = "ide/";

    private readonly FrozenDictionary<string, GraphiQLAsset> files;

    private GraphiQLAssets(FrozenDictionary<string, GraphiQLAsset> files)
    {
        this.files = files;
        Stylesheet = Find("graphiql.min.css");
        ReactScript = Find("react.production.min.js");
        ReactDomScript = Find("react-dom.production.min.js");
        GraphiQLScript = Find("graphiql.min.js");
    }

    /// <summary>This assembly's files, read once.</summary>
    public static GraphiQLAssets Embedded { get; } = Load(typeof(GraphiQLAssets).Assembly);

    /// <summary>Paths relative to the assets' root, e.g. <c>graphiql-3.9.0/graphiql.min.css</c>, in the page's order.</summary>
    public string Stylesheet { get; }

    public string ReactScript { get; }

    public string ReactDomScript { get; }

    public string GraphiQLScript { get; }

    /// <summary>Every file that is served, by its path under the assets' root.</summary>
    public IEnumerable<string> Paths => files.Keys;

    public bool TryGet(string path, out GraphiQLAsset asset) => files.TryGetValue(path, out asset!);

    private static GraphiQLAssets Load(Assembly assembly)
    {
        var files = new Dictionary<string, GraphiQLAsset>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames())
        {
            // A file sits in a package's folder; the record at the root (packages.json) is for people, not browsers.
            var path = name.Replace('\\', '/');
            if (!path.StartsWith(ResourcePrefix, StringComparison.Ordinal) || !path[ResourcePrefix.Length..].Contains('/', StringComparison.Ordinal))
            {
                continue;
            }

            using var stream = assembly.GetManifestResourceStream(name)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var content = copy.ToArray();
            var etag = $"\"{Convert.ToBase64String(SHA256.HashData(content)).TrimEnd('=').Replace('+', '-').Replace('/', '_')}\"";
            files[path[ResourcePrefix.Length..]] = new GraphiQLAsset(content, ContentTypeOf(path), etag);
        }

        return new GraphiQLAssets(files.ToFrozenDictionary(StringComparer.Ordinal));
    }

    private static string ContentTypeOf(string path) => Path.GetExtension(path) switch
    {
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        _ => "text/plain; charset=utf-8",
    };

    private string Find(string fileName) =>
        files.Keys.SingleOrDefault(path => path.EndsWith("/" + fileName, StringComparison.Ordinal))
        ?? throw new InvalidOperationException($"The IDE's {fileName} is not embedded; run scripts/update-graphiql.sh.");
}
