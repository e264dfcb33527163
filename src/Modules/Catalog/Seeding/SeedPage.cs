using SkillMatrix.Catalog.Contracts;

namespace SkillMatrix.Catalog.Seeding;

// What the parser reads off one seed page, already validated and de-duplicated, so that the importer only
// has to reconcile it with the database.

internal sealed record SeedPage(
    string FileName,
    string RoleName,
    string RoleSlug,
    string Summary,
    string FamilyName,
    string FamilySlug,
    IReadOnlyList<SeedLevel> Levels,
    IReadOnlyList<SeedDomain> Domains,
    IReadOnlyList<string> Warnings)
{
    public int SkillCount => Domains.Sum(d => d.Skills.Count);

    public int RequirementCount => Domains.Sum(d => d.Skills.Sum(s => s.Cells.Count));

    public int MandatoryCount => Domains.Sum(d => d.Skills.Sum(s => s.Cells.Count(c => c.Mandatory)));
}

/// <param name="Rank">The rung on the site's ladder (Junior = 1), not the position on the page.</param>
/// <param name="Focus">Null when the page has no focus paragraph for the level.</param>
internal sealed record SeedLevel(string Key, string Name, int Rank, string? Focus, IReadOnlyList<string> TechStack);

/// <param name="Skills">In page order, each skill once.</param>
internal sealed record SeedDomain(string Name, string Slug, int Line, IReadOnlyList<SeedSkill> Skills);

/// <param name="Cells">From the lowest level upward; levels past the last letter have no requirement.</param>
internal sealed record SeedSkill(string Name, string Slug, int Line, IReadOnlyList<SeedCell> Cells);

internal sealed record SeedCell(string LevelKey, Proficiency Proficiency)
{
    /// <summary>The pages mark nothing as optional except awareness; working knowledge or more is required.</summary>
    public bool Mandatory => Proficiency >= Proficiency.Working;
}
