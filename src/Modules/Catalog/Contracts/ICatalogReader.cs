namespace SkillMatrix.Catalog.Contracts;

/// <summary>What other modules may read of the catalog: references by slug or key, and the value of one cell.</summary>
public interface ICatalogReader
{
    Task<RoleReference?> FindRoleAsync(string slug, CancellationToken cancellationToken = default);

    Task<SkillReference?> FindSkillAsync(string slug, CancellationToken cancellationToken = default);

    /// <summary>The skills among <paramref name="slugs"/> that exist, in one query.</summary>
    Task<IReadOnlyList<SkillReference>> FindSkillsAsync(IReadOnlyCollection<string> slugs, CancellationToken cancellationToken = default);

    Task<DomainReference?> FindDomainAsync(string slug, CancellationToken cancellationToken = default);

    Task<LevelReference?> FindLevelAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>The requirement of a skill at a level of a role; null when the matrix has no cell there.</summary>
    Task<CellValue?> FindCellAsync(int roleId, int skillId, int levelId, CancellationToken cancellationToken = default);

    /// <summary>A role's ladder and every cell of its matrix, in page order; null for an unknown role.</summary>
    Task<RoleMatrix?> GetMatrixAsync(int roleId, CancellationToken cancellationToken = default);

    /// <summary>A role as its page heads it, with each level's focus and technology stack by rank; null for an unknown slug.</summary>
    Task<RolePage?> FindRolePageAsync(string slug, CancellationToken cancellationToken = default);

    /// <summary>
    /// Every cell of a role's matrix with the names of its domain, skill and level, in page order; not materialized,
    /// so a caller can stream the rows as the database hands them over.
    /// </summary>
    IAsyncEnumerable<PageCell> ReadPageCellsAsync(int roleId);
}

/// <summary>A role as its page heads it: its family, summary and version, and its ladder in rank order.</summary>
public sealed record RolePage(int Id, string Slug, string Name, string Family, string? Summary, int Version, IReadOnlyList<RolePageLevel> Levels);

public sealed record RolePageLevel(string Key, string Name, int Rank, string? Focus, IReadOnlyList<string> TechStack);

/// <summary>One cell of the matrix, flattened with the names of its domain, skill and level.</summary>
public sealed record PageCell(
    int DomainId, string Domain, int SkillId, string Skill, string LevelKey, int LevelRank, Proficiency Proficiency, bool Mandatory);

/// <summary>A role's matrix as data: its ladder by rank, and its cells ordered by domain, skill and level as on the page.</summary>
public sealed record RoleMatrix(RoleReference Role, IReadOnlyList<LevelReference> Ladder, IReadOnlyList<MatrixCell> Cells);

public sealed record MatrixCell(int SkillId, string SkillSlug, string SkillName, string DomainName, int LevelId, Proficiency Proficiency, bool Mandatory);

public sealed record RoleReference(int Id, string Slug, string Name, int Version);

public sealed record SkillReference(int Id, string Slug, string Name, DomainReference Domain);

public sealed record DomainReference(int Id, string Slug, string Name);

public sealed record LevelReference(int Id, string Key, string Name, int Rank);

public sealed record CellValue(Proficiency Proficiency, bool Mandatory);
