namespace SkillMatrix.Catalog.Contracts;

/// <summary>Imports seed pages into the catalog: on first start and from the <c>import</c> verb.</summary>
public interface ICatalogSeeding
{
    Task<bool> IsEmptyAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Imports one page in one transaction; throws <see cref="SeedFileException"/> for a malformed file, leaving the
    /// database as it was. Over cells the community changed since the role's last import the import is refused (see
    /// <see cref="SeedFileImport.Refused"/>, nothing written) unless <paramref name="force"/>, which reverts them.
    /// </summary>
    Task<SeedFileImport> ImportFileAsync(string path, bool force = false, CancellationToken cancellationToken = default);
}

/// <param name="CommunityCells">
/// Cells accepted proposals changed since the role's last import that the page sets otherwise: the reason for a
/// refusal, or what a forced import reverted.
/// </param>
public sealed record SeedFileImport(string RoleSlug, bool Created, bool Changed, int Version, int SkillCount, int RequirementCount,
    IReadOnlyList<string> Warnings, IReadOnlyList<CommunityCellChange> CommunityCells)
{
    /// <summary>Nothing was written: the page would revert <see cref="CommunityCells"/> and the import was not forced.</summary>
    public bool Refused => CommunityCells.Count > 0 && !Changed;
}

/// <summary>A cell of the matrix the community changed: its skill's name, the level's key, its value now and on the page
/// (<c>ADVANCED</c>, <c>AWARENESS (optional)</c>, or <c>none</c>).</summary>
public sealed record CommunityCellChange(string Skill, string Level, string Current, string Page);

/// <summary>A seed file that cannot be read: the message names the file, the line and what was expected there.</summary>
public sealed class SeedFileException(string message, Exception? inner = null) : Exception(message, inner);
