namespace SkillMatrix.Catalog.Contracts;

/// <summary>
/// Changes to a role's matrix that another module decided on (an accepted proposal). Idempotent by
/// <see cref="CellChange.ChangeId"/>: applying the same change twice changes the catalog once. Runs in the
/// caller's transaction when there is one.
/// </summary>
public interface ICatalogChanges
{
    Task<CellChangeOutcome> ApplyAsync(CellChange change, CancellationToken cancellationToken = default);
}

/// <summary>
/// Set the cell (role, skill, level) from <paramref name="From"/> to <paramref name="To"/> (null removes it).
/// <paramref name="NewSkill"/> creates the skill when <paramref name="SkillSlug"/> does not exist yet.
/// </summary>
public sealed record CellChange(string ChangeId, int RoleId, string SkillSlug, NewSkill? NewSkill, int LevelId,
    Proficiency? From, Proficiency? To, bool Mandatory, string Summary);

public sealed record NewSkill(string Name, string DomainSlug);

public enum CellChangeOutcome
{
    /// <summary>The matrix changed; the role's version went up by one and its changelog has an entry.</summary>
    Applied,

    /// <summary>A change with this id was applied before; nothing changed now.</summary>
    AlreadyApplied,

    /// <summary>The cell no longer holds the expected value, or what it names is gone; nothing changed.</summary>
    Conflict,
}
