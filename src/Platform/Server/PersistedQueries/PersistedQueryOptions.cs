using Platform.Server.Limits;

namespace Platform.Server.PersistedQueries;

/// <summary>Automatic persisted queries (<c>GraphQL:PersistedQueries</c>).</summary>
internal sealed class PersistedQueryOptions
{
    public const string SectionName = GraphQLLimitsOptions.SectionName + ":PersistedQueries";

    /// <summary>Whether a request may name its document by hash; off, the extension is ignored.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Most documents kept, least recently used out first.</summary>
    public int MaxDocuments { get; set; } = 5000;
}
