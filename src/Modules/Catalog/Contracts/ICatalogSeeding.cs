namespace SkillMatrix.Catalog.Contracts;

/// <summary>Imports seed pages into the catalog: on first start and from the <c>import</c> verb.</summary>
public interface ICatalogSeeding
{
    Task<bool> IsEmptyAsync(CancellationToken cancellationToken = default);

    /// <summary>Imports one page in one transaction; throws <see cref="SeedFileException"/> for a malformed file, leaving the database as it was.</summary>
    Task<SeedFileImport> ImportFileAsync(string path, CancellationToken cancellationToken = default);
}

public sealed record SeedFileImport(string RoleSlug, bool Created, bool Changed, int SkillCount, int RequirementCount, IReadOnlyList<string> Warnings);

/// <summary>A seed file that cannot be read: the message names the file, the line and what was expected there.</summary>
public sealed class SeedFileException(string message, Exception? inner = null) : Exception(message, inner);
