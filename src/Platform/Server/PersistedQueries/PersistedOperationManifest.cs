using System.Text.Json;

namespace Platform.Server.PersistedQueries;

/// <summary>
/// The operations of a persisted-operation manifest, by id. Two formats: graphql-codegen's client preset
/// (<c>presetConfig: { persistedDocuments: true }</c> writes <c>persisted-documents.json</c>, a flat
/// <c>{ "&lt;sha256&gt;": "&lt;document&gt;" }</c> object; Relay's persisted queries file has the same shape), and
/// Apollo's <c>{ "format": "apollo-persisted-query-manifest", "version": 1, "operations": [{ id, body, ... }] }</c>.
/// An id that looks like a SHA-256 (64 hex digits) must be the SHA-256 of its document, as both tools compute it by
/// default: a mismatch means the file was edited or generated from other documents, and serving it would run one
/// document under another's name. Other ids are taken as given.
/// </summary>
internal sealed class PersistedOperationManifest
{
    private const string ApolloFormat = "apollo-persisted-query-manifest";

    private const string Sha256Prefix = "sha256:";

    private readonly Dictionary<string, string> byId = new(StringComparer.Ordinal);

    // Every document also by its own SHA-256: a client sending the text (or an APQ hash) of a trusted document
    // finds it even when the manifest's ids are not hashes.
    private readonly Dictionary<string, string> byHash = new(StringComparer.Ordinal);

    private PersistedOperationManifest()
    {
    }

    public int Count => byId.Count;

    /// <summary>
    /// The document under this id: as the manifest names it, or as the SHA-256 of its text; hex in any case, with or
    /// without the <c>sha256:</c> prefix of the GraphQL-over-HTTP proposal. Null when the manifest has none.
    /// </summary>
    public string? Find(string id)
    {
        var key = Normalize(id);
        return byId.TryGetValue(key, out var document) || byHash.TryGetValue(key, out document) ? document : null;
    }

    /// <summary>Whether a document with this SHA-256 (lower-case hex) is in the manifest.</summary>
    public bool Trusts(string hash) => byHash.ContainsKey(hash);

    /// <summary>
    /// The manifest in this JSON text; an <see cref="InvalidDataException"/> says what is wrong with it, as the end of a
    /// sentence that starts with the file's path.
    /// </summary>
    public static PersistedOperationManifest Parse(string json)
    {
        JsonDocument parsed;
        try
        {
            parsed = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"is not valid JSON ({ex.Message.ReplaceLineEndings(" ")}).");
        }

        using (parsed)
        {
            var root = parsed.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw NotAManifest();
            }

            var manifest = new PersistedOperationManifest();
            if (root.TryGetProperty("format", out var format))
            {
                manifest.ReadApollo(root, format);
            }
            else
            {
                manifest.ReadFlat(root);
            }

            return manifest;
        }
    }

    private void ReadFlat(JsonElement root)
    {
        foreach (var entry in root.EnumerateObject())
        {
            if (entry.Value.ValueKind != JsonValueKind.String)
            {
                throw NotAManifest();
            }

            Add(entry.Name, entry.Value.GetString()!);
        }
    }

    private void ReadApollo(JsonElement root, JsonElement format)
    {
        if (format.ValueKind != JsonValueKind.String || format.GetString() != ApolloFormat)
        {
            throw NotAManifest();
        }

        if (!root.TryGetProperty("version", out var version) || version.ValueKind != JsonValueKind.Number || !version.TryGetInt32(out var number) || number != 1)
        {
            throw new InvalidDataException("is an Apollo persisted query manifest of a version other than 1.");
        }

        if (!root.TryGetProperty("operations", out var operations) || operations.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidDataException("is an Apollo persisted query manifest without an 'operations' array.");
        }

        var index = 0;
        foreach (var operation in operations.EnumerateArray())
        {
            if (operation.ValueKind != JsonValueKind.Object
                || !operation.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String
                || !operation.TryGetProperty("body", out var body) || body.ValueKind != JsonValueKind.String)
            {
                throw new InvalidDataException($"has an operation (index {index}) without an 'id' and a 'body' string.");
            }

            Add(id.GetString()!, body.GetString()!);
            index++;
        }
    }

    private void Add(string id, string document)
    {
        if (id.Length == 0)
        {
            throw new InvalidDataException("has an entry with an empty id.");
        }

        var key = Normalize(id);
        var hash = DocumentHash.Of(document);
        if (IsSha256(key) && key != hash)
        {
            throw new InvalidDataException($"has an entry '{id}' whose document's SHA-256 is {hash}, not its id.");
        }

        if (byId.TryGetValue(key, out var known) && known != document)
        {
            throw new InvalidDataException($"has the id '{id}' twice, with different documents.");
        }

        byId[key] = document;
        byHash[hash] = document;
    }

    private static string Normalize(string id)
    {
        var key = id.StartsWith(Sha256Prefix, StringComparison.OrdinalIgnoreCase) && IsSha256(id[Sha256Prefix.Length..])
            ? id[Sha256Prefix.Length..]
            : id;
        return IsSha256(key) ? key.ToLowerInvariant() : key;
    }

    private static bool IsSha256(string id) => id.Length == 64 && id.All(char.IsAsciiHexDigit);

    private static InvalidDataException NotAManifest() => new(
        "is neither a graphql-codegen persisted-documents map ({\"<sha256>\": \"<document>\"}) nor an Apollo persisted query manifest.");
}
