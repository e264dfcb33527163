using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace Platform.Server.Http;

/// <summary>
/// Turns an HTTP request into a <see cref="GraphQLHttpRequest"/>, refusing what is not a well-formed one: the
/// parameters must have the spec's types (query a string; operationName a string or null; variables and
/// extensions maps or null; the document id a string or null), so a shape error never reaches the engine.
/// </summary>
internal static class GraphQLRequestReader
{
    private const string QueryKey = "query";
    private const string OperationNameKey = "operationName";
    private const string VariablesKey = "variables";
    private const string ExtensionsKey = "extensions";

    // The persisted-documents proposal of the GraphQL-over-HTTP spec names it documentId; HotChocolate and Relay send id.
    private const string DocumentIdKey = "documentId";
    private const string IdKey = "id";

    // GraphQL.NET's reader of variables stops at the same depth; a variable within it reaches the limits' own check
    // (GraphQL:MaxInputDepth, the same for literals and variables). Past it the request is refused as too deep, not as
    // invalid.
    private const int MaxJsonDepth = 64;

    private static readonly JsonDocumentOptions JsonOptions = new() { MaxDepth = MaxJsonDepth };

    /// <summary>GET: the parameters come URL-encoded in the query string; variables and extensions as JSON text.</summary>
    public static ReadResult ReadGet(IQueryCollection parameters, IGraphQLSerializer serializer, Func<string?, Inputs?, bool> suppliesQuery)
    {
        foreach (var key in (ReadOnlySpan<string>)[QueryKey, OperationNameKey, VariablesKey, ExtensionsKey, DocumentIdKey, IdKey])
        {
            if (parameters[key].Count > 1)
            {
                return Rejection.BadRequest($"The '{key}' parameter must appear at most once.");
            }
        }

        // Without extensions or a document id nothing can supply the query: refused first, before anything else is read.
        if (!parameters.ContainsKey(QueryKey) && !parameters.ContainsKey(ExtensionsKey) && !NamesDocumentId(parameters))
        {
            return MissingQuery;
        }

        var documentId = OneDocumentId(NullIfEmpty(parameters[DocumentIdKey].ToString()), NullIfEmpty(parameters[IdKey].ToString()));
        if (documentId.Rejection is not null)
        {
            return documentId.Rejection;
        }

        var variables = ReadJsonMapParameter(parameters[VariablesKey].ToString(), VariablesKey, serializer);
        if (variables.Rejection is not null)
        {
            return variables.Rejection;
        }

        var extensions = ReadJsonMapParameter(parameters[ExtensionsKey].ToString(), ExtensionsKey, serializer);
        if (extensions.Rejection is not null)
        {
            return extensions.Rejection;
        }

        if (!parameters.ContainsKey(QueryKey) && !suppliesQuery(documentId.Id, extensions.Map))
        {
            return MissingQuery;
        }

        return new GraphQLHttpRequest(
            parameters.ContainsKey(QueryKey) ? parameters[QueryKey].ToString() : null, NullIfEmpty(parameters[OperationNameKey].ToString()), variables.Map, extensions.Map,
            documentId.Id);
    }

    /// <summary>Whether a GET names a document by id (and so is a request even without query or extensions).</summary>
    public static bool NamesDocumentId(IQueryCollection parameters) => parameters.ContainsKey(DocumentIdKey) || parameters.ContainsKey(IdKey);

    /// <summary>POST: an application/json (UTF-8) body holding one request object.</summary>
    public static async Task<ReadResult> ReadPostAsync(HttpContext context, long maxBodyBytes, IGraphQLSerializer serializer,
        Func<string?, Inputs?, bool> suppliesQuery)
    {
        var request = context.Request;
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType)
            || !contentType.MediaType.Equals(ResponseFormats.JsonMediaType, StringComparison.OrdinalIgnoreCase))
        {
            return new Rejection(StatusCodes.Status415UnsupportedMediaType, GraphQLHttpErrorCodes.UnsupportedMediaType,
                "The request body must be sent with Content-Type: application/json.");
        }

        if (!AcceptNegotiation.IsUtf8OrUnspecified(contentType.Charset))
        {
            return new Rejection(StatusCodes.Status415UnsupportedMediaType, GraphQLHttpErrorCodes.UnsupportedMediaType,
                "The request body must be encoded in UTF-8.");
        }

        var body = await ReadBodyAsync(context, maxBodyBytes);
        if (body is null)
        {
            return Rejection.TooLarge(maxBodyBytes);
        }

        if (body.Length == 0)
        {
            return Rejection.BadRequest("The request body is empty; send a JSON object with a 'query' string.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, JsonOptions);
        }
        catch (JsonException)
        {
            // The parser's message names positions in our buffer, not much use to the client; keep it generic.
            return IsTooDeep(body)
                ? Rejection.BadRequest($"The request body is nested more than {MaxJsonDepth} levels deep.", GraphQLHttpErrorCodes.JsonTooDeep)
                : Rejection.BadRequest("The request body is not valid JSON.", GraphQLHttpErrorCodes.InvalidJson);
        }

        using (document)
        {
            try
            {
                return ReadRequestObject(document.RootElement, serializer, suppliesQuery);
            }
            catch (InvalidOperationException)
            {
                // JsonElement.GetString() throws on escapes that are not text (a lone surrogate): the body is not
                // valid UTF-8 JSON text, a client error like any other parse failure.
                return Rejection.BadRequest("The request body holds a string that is not valid UTF-8 text.", GraphQLHttpErrorCodes.InvalidJson);
            }
        }
    }

    private static ReadResult ReadRequestObject(JsonElement root, IGraphQLSerializer serializer, Func<string?, Inputs?, bool> suppliesQuery)
    {
        if (root.ValueKind == JsonValueKind.Array)
        {
            return Rejection.BadRequest("Request batching is not supported: send one GraphQL request (a JSON object) per HTTP request.",
                GraphQLHttpErrorCodes.BatchingNotSupported);
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            return Rejection.BadRequest("The request body must be a JSON object with a 'query' string.");
        }

        string? query = null;
        string? operationName = null;
        Inputs? variables = null;
        Inputs? extensions = null;
        string? documentIdMember = null;
        string? idMember = null;
        // Other members are reserved by the spec for future use; ignoring them keeps newer clients working.
        foreach (var member in root.EnumerateObject())
        {
            switch (member.Name)
            {
                case QueryKey:
                    if (member.Value.ValueKind != JsonValueKind.String)
                    {
                        return Rejection.BadRequest("The 'query' parameter must be a string.");
                    }

                    query = member.Value.GetString();
                    break;
                case OperationNameKey:
                    if (member.Value.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
                    {
                        return Rejection.BadRequest("The 'operationName' parameter must be a string or null.");
                    }

                    operationName = NullIfEmpty(member.Value.GetString());
                    break;
                case VariablesKey:
                    var v = ReadMap(member.Value, VariablesKey, serializer);
                    if (v.Rejection is not null)
                    {
                        return v.Rejection;
                    }

                    variables = v.Map;
                    break;
                case ExtensionsKey:
                    var e = ReadMap(member.Value, ExtensionsKey, serializer);
                    if (e.Rejection is not null)
                    {
                        return e.Rejection;
                    }

                    extensions = e.Map;
                    break;
                case DocumentIdKey or IdKey:
                    if (member.Value.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
                    {
                        return Rejection.BadRequest($"The '{member.Name}' parameter must be a string or null.");
                    }

                    if (member.Name == DocumentIdKey)
                    {
                        documentIdMember = NullIfEmpty(member.Value.GetString());
                    }
                    else
                    {
                        idMember = NullIfEmpty(member.Value.GetString());
                    }

                    break;
            }
        }

        var documentId = OneDocumentId(documentIdMember, idMember);
        if (documentId.Rejection is not null)
        {
            return documentId.Rejection;
        }

        return query is null && !suppliesQuery(documentId.Id, extensions)
            ? MissingQuery
            : new GraphQLHttpRequest(query, operationName, variables, extensions, documentId.Id);
    }

    private readonly record struct DocumentIdResult(string? Id, Rejection? Rejection);

    /// <summary>The document id under either name; both, when they differ, leave no way to tell which was meant.</summary>
    private static DocumentIdResult OneDocumentId(string? documentId, string? id) =>
        documentId is not null && id is not null && documentId != id
            ? new(null, Rejection.BadRequest($"The '{DocumentIdKey}' and '{IdKey}' parameters name different documents; send one of them."))
            : new(documentId ?? id, null);

    private static Rejection MissingQuery => Rejection.BadRequest("The 'query' parameter is missing.");

    private readonly record struct MapResult(Inputs? Map, Rejection? Rejection);

    private static MapResult ReadJsonMapParameter(string text, string name, IGraphQLSerializer serializer)
    {
        if (string.IsNullOrEmpty(text))
        {
            return default;
        }

        try
        {
            using var document = JsonDocument.Parse(text, JsonOptions);
            return ReadMap(document.RootElement, name, serializer);
        }
        catch (JsonException)
        {
            return new(null, IsTooDeep(System.Text.Encoding.UTF8.GetBytes(text))
                ? Rejection.BadRequest($"The '{name}' parameter is nested more than {MaxJsonDepth} levels deep.", GraphQLHttpErrorCodes.JsonTooDeep)
                : Rejection.BadRequest($"The '{name}' parameter is not valid JSON.", GraphQLHttpErrorCodes.InvalidJson));
        }
    }

    /// <summary>A map parameter: a JSON object, converted by GraphQL.NET's own reader so values coerce as usual.</summary>
    private static MapResult ReadMap(JsonElement value, string name, IGraphQLSerializer serializer)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Null:
                return default;
            case JsonValueKind.Object:
                try
                {
                    return new(serializer.ReadNode<Inputs>(value), null);
                }
                catch (Exception ex) when (ex is JsonException or FormatException or OverflowException or NotSupportedException)
                {
                    return new(null, Rejection.BadRequest($"The '{name}' parameter holds a value that cannot be read."));
                }

            default:
                return new(null, Rejection.BadRequest($"The '{name}' parameter must be a JSON object or null."));
        }
    }

    /// <summary>
    /// The body, or null when it is longer than the limit. Content-Length refuses the request before anything is read;
    /// a chunked (or lying) body is counted as it arrives and never buffered past the limit.
    /// </summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpContext context, long maxBodyBytes)
    {
        if (context.Request.ContentLength > maxBodyBytes)
        {
            return null;
        }

        // Align the server's own limit (Kestrel: 30 MB by default) with ours, so neither cuts in first unexpectedly.
        var sizeFeature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeFeature is { IsReadOnly: false })
        {
            sizeFeature.MaxRequestBodySize = maxBodyBytes;
        }

        var reader = context.Request.BodyReader;
        try
        {
            while (true)
            {
                var read = await reader.ReadAsync(context.RequestAborted);
                var buffer = read.Buffer;
                if (buffer.Length > maxBodyBytes)
                {
                    reader.AdvanceTo(buffer.Start, buffer.End);
                    return null;
                }

                if (read.IsCompleted)
                {
                    var body = buffer.ToArray();
                    reader.AdvanceTo(buffer.End);
                    return body;
                }

                // Consume nothing, mark everything examined: the next read returns the whole body so far plus more.
                reader.AdvanceTo(buffer.Start, buffer.End);
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    // Only on the error path: whether the JSON failed for its depth (and would otherwise have been read) or for its syntax.
    private static bool IsTooDeep(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = MaxJsonDepth * 4 });
        try
        {
            while (reader.Read())
            {
                if (reader.CurrentDepth >= MaxJsonDepth)
                {
                    return true;
                }
            }
        }
        catch (JsonException)
        {
            return reader.CurrentDepth >= MaxJsonDepth;
        }

        return false;
    }
}
