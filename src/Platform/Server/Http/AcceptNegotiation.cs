using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Platform.Server.Http;

/// <summary>Chooses the response media type from the Accept header (RFC 9110 §12.5.1, as the spec asks).</summary>
internal static class AcceptNegotiation
{
    /// <summary>The response format, or null when the client accepts neither GraphQL media type (406).</summary>
    public static ResponseFormat? Negotiate(HttpRequest request)
    {
        var ranges = request.GetTypedHeaders().Accept;
        // No (or an unparseable) Accept header: application/json, as the graphql-http audit expects (80D8) and
        // as legacy clients that send no Accept header understand.
        if (ranges.Count == 0)
        {
            return ResponseFormat.Json;
        }

        var modern = Best(ranges, "application", "graphql-response+json");
        var legacy = Best(ranges, "application", "json");
        if (modern.Quality <= 0 && legacy.Quality <= 0)
        {
            return null;
        }

        if (modern.Quality != legacy.Quality)
        {
            return modern.Quality > legacy.Quality ? ResponseFormat.GraphQLResponseJson : ResponseFormat.Json;
        }

        // Equal weight: the type the client named outright beats one it only reached by a wildcard, then the one
        // it listed first. A bare */* (or application/*) gives application/json, as the audit expects (47DE).
        if (modern.Specificity != legacy.Specificity)
        {
            return modern.Specificity > legacy.Specificity ? ResponseFormat.GraphQLResponseJson : ResponseFormat.Json;
        }

        return modern.Index < legacy.Index ? ResponseFormat.GraphQLResponseJson : ResponseFormat.Json;
    }

    /// <summary>Whether the client is a browser asking for a page (text/html named with a non-zero weight).</summary>
    public static bool AcceptsHtml(HttpRequest request) =>
        request.GetTypedHeaders().Accept.Any(range =>
            (range.Quality ?? 1) > 0 && range.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase));

    private readonly record struct Match(double Quality, int Specificity, int Index);

    /// <summary>The weight the Accept header gives one media type: that of the most specific range matching it.</summary>
    private static Match Best(IList<MediaTypeHeaderValue> ranges, string type, string subType)
    {
        var best = new Match(0, 0, int.MaxValue);
        for (var i = 0; i < ranges.Count; i++)
        {
            var range = ranges[i];
            var specificity = Specificity(range, type, subType);
            // A range asking for another charset does not match: we only write UTF-8.
            if (specificity > best.Specificity && IsUtf8OrUnspecified(range.Charset))
            {
                best = new Match(range.Quality ?? 1, specificity, i);
            }
        }

        return best;
    }

    private static int Specificity(MediaTypeHeaderValue range, string type, string subType)
    {
        if (range.MatchesAllTypes)
        {
            return 1;
        }

        if (!range.Type.Equals(type, StringComparison.OrdinalIgnoreCase))
        {
            return 0;
        }

        if (range.MatchesAllSubTypes)
        {
            return 2;
        }

        return range.SubType.Equals(subType, StringComparison.OrdinalIgnoreCase) ? 3 : 0;
    }

    internal static bool IsUtf8OrUnspecified(StringSegment charset)
    {
        if (!charset.HasValue || charset.Length == 0)
        {
            return true;
        }

        var value = HeaderUtilities.RemoveQuotes(charset);
        return value.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || value.Equals("utf8", StringComparison.OrdinalIgnoreCase);
    }
}
