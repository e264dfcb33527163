using System.Text.RegularExpressions;

namespace SkillMatrix.Catalog.Contracts;

/// <summary>
/// The identifiers derived from printed names, for the catalog and for modules that propose new entries. Slugs are what re-imports match on, so the rules must stay
/// stable: changing them would turn every existing row into a "new" one.
/// </summary>
public static partial class Slug
{
    /// <summary><c>Backend Developer (Python)</c> becomes <c>backend-developer-python</c>.</summary>
    public static string From(string name) =>
        NotSlugCharacters().Replace(name.ToLowerInvariant(), "-").Trim('-');

    /// <summary><c>Lead / Staff</c> becomes <c>LEAD_STAFF</c>.</summary>
    public static string ToKey(string name) =>
        NotKeyCharacters().Replace(name.ToUpperInvariant(), "_").Trim('_');

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NotSlugCharacters();

    [GeneratedRegex("[^A-Z0-9]+")]
    private static partial Regex NotKeyCharacters();
}
