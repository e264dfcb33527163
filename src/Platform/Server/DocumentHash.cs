using System.Security.Cryptography;
using System.Text;

namespace Platform.Server;

/// <summary>
/// The SHA-256 of a document's text, as lower-case hex. The persisted-query check, the document cache's key and the
/// span's document hash are this one value, so a request computes it once: it is kept in the execution's user
/// context beside the text it was computed from.
/// </summary>
internal static class DocumentHash
{
    private const string UserContextKey = "graphql.documentHash";

    public static string Of(string query) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(query)));

    /// <summary>The hash of <see cref="ExecutionOptions.Query"/>; null without a text.</summary>
    public static string? Of(ExecutionOptions options)
    {
        if (string.IsNullOrEmpty(options.Query))
        {
            return null;
        }

        // A persisted query may have replaced the text since: the memo counts only for the very string it hashed.
        if (options.UserContext.TryGetValue(UserContextKey, out var memo) && memo is Memo known && ReferenceEquals(known.Query, options.Query))
        {
            return known.Hash;
        }

        var hash = Of(options.Query);
        options.UserContext[UserContextKey] = new Memo(options.Query, hash);
        return hash;
    }

    private sealed record Memo(string Query, string Hash);
}
