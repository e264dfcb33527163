using SkillMatrix.Catalog.Contracts;
using Platform.Data.Persistence;
using Microsoft.Extensions.Logging;
using Platform.Data.Events;
using SkillMatrix.Catalog.Live;
using SkillMatrix.Catalog.Data;

namespace SkillMatrix.Catalog.Seeding;

/// <param name="Created">The role was not in the catalog before.</param>
/// <param name="Changed">The import wrote something to the role (always so when <paramref name="Created"/>).</param>
/// <param name="Version">The role's version after the import.</param>
/// <param name="ChangeSummary">The summary of the <see cref="CatalogChange"/> appended, or null.</param>
/// <param name="CommunityCells">
/// The cells the community changed since the role's last import that the page sets otherwise: without force the import
/// was refused because of them and wrote nothing; with force it reverted them.
/// </param>
internal sealed record SeedImportResult(
    string RoleSlug,
    bool Created,
    bool Changed,
    int Version,
    int SkillCount,
    int RequirementCount,
    int MandatoryCount,
    IReadOnlyList<string> Warnings,
    string? ChangeSummary,
    IReadOnlyList<CommunityCellChange> CommunityCells)
{
    /// <summary>Refused: the community changed cells that the page would revert, and the import was not forced.</summary>
    public bool Refused => CommunityCells.Count > 0 && !Changed;
}

/// <summary>
/// Brings the catalog in line with a seed page: creates the role or updates it in place, upserting the
/// global rows it needs (levels, family, domains, skills). Importing the same page again writes nothing. A page that
/// would put back cells the community changed (accepted proposals) since the role's last import is refused, listing
/// them, unless forced: a page is an old copy of what the community has since improved, and a re-import must not
/// undo that silently.
/// </summary>
internal sealed class SeedImporter(CatalogDbContext db, ILogger<SeedImporter> logger, IEventBus? events = null)
{
    private const int MaxChangeSummaryLength = 1000;

    public async Task<bool> CatalogIsEmptyAsync(CancellationToken ct = default) => !await db.Roles.AnyAsync(ct);

    public async Task<SeedImportResult> ImportFileAsync(string path, bool force = false, CancellationToken ct = default)
    {
        var text = await File.ReadAllTextAsync(path, ct);
        return await ImportAsync(Path.GetFileName(path), text, force, ct);
    }

    /// <param name="force">Import even over cells the community changed since the last import, reverting them.</param>
    public async Task<SeedImportResult> ImportAsync(string fileName, string text, bool force = false, CancellationToken ct = default)
    {
        // Parsed in full first: a malformed page must fail before the database is touched.
        var page = SeedPageParser.Parse(fileName, text);
        foreach (var warning in page.Warnings)
        {
            logger.LogWarning("Seed page: {Warning}", warning);
        }

        // Through the execution strategy so that a provider with retries on (Npgsql) accepts the explicit transaction.
        var strategy = db.Database.CreateExecutionStrategy();
        var (result, importWarnings) = await strategy.ExecuteAsync(attemptCt => ImportInTransactionAsync(page, force, attemptCt), ct);
        foreach (var warning in importWarnings)
        {
            logger.LogWarning("Seed import: {Warning}", warning);
        }

        if (result.Refused)
        {
            logger.LogWarning("Import of {File} refused: the community changed {Count} cell(s) of role {Role} since its last import", fileName, result.CommunityCells.Count, result.RoleSlug);
        }
        else if (result.ChangeSummary is not null)
        {
            logger.LogInformation("{Summary}; role {Role} is now version {Version}", result.ChangeSummary, result.RoleSlug, result.Version);
        }
        else if (result.Created)
        {
            logger.LogInformation("Imported role {Role} from {File}: {Skills} skills, {Requirements} requirements", result.RoleSlug, fileName, result.SkillCount, result.RequirementCount);
        }

        return result;
    }

    private async Task<(SeedImportResult Result, List<string> Warnings)> ImportInTransactionAsync(SeedPage page, bool force, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        try
        {
            var warnings = new List<string>();
            var (role, created, changeSummary, communityCells) = await ApplyAsync(page, force, warnings, ct);
            if (communityCells.Count > 0 && !force)
            {
                // Refused: nothing is saved, and the transaction rolls back when it is disposed.
                db.ChangeTracker.Clear();
                return (new SeedImportResult(page.RoleSlug, false, false, role.Version, page.SkillCount, page.RequirementCount,
                    page.MandatoryCount, [.. page.Warnings, .. warnings], null, communityCells), warnings);
            }

            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            if (changeSummary is not null && db.Changes.Local.FirstOrDefault(c => c.Role == role && c.Version == role.Version) is { } entry)
            {
                // Committed: subscribers of this process hear of the re-import (the import verb's own process has none).
                events?.Publish(RoleChanged.Topic(role.Slug), new RoleChanged(role.Id, role.Version, entry.Id));
            }

            var result = new SeedImportResult(
                page.RoleSlug,
                created,
                created || changeSummary is not null,
                role.Version,
                page.SkillCount,
                page.RequirementCount,
                page.MandatoryCount,
                [.. page.Warnings, .. warnings],
                changeSummary,
                communityCells);
            return (result, warnings);
        }
        catch
        {
            // The rollback undoes the database; the tracked entities must go too, or the next SaveChanges on
            // this context (or the strategy's retry) would write half an import.
            db.ChangeTracker.Clear();
            throw;
        }
    }

    private async Task<(Role Role, bool Created, string? ChangeSummary, IReadOnlyList<CommunityCellChange> CommunityCells)> ApplyAsync(
        SeedPage page, bool force, List<string> warnings, CancellationToken ct)
    {
        var levels = await UpsertLevelsAsync(page, ct);
        var family = await db.Families.SingleOrDefaultAsync(f => f.Slug == page.FamilySlug, ct);
        if (family is null)
        {
            family = new RoleFamily { Slug = page.FamilySlug, Name = page.FamilyName };
            db.Families.Add(family);
        }

        var skills = await UpsertSkillsAsync(page, warnings, ct);

        // An update of a role takes its row lock first, as an accepted proposal does, so the two take turns on its version.
        await db.Roles.ForUpdate().Where(r => r.Slug == page.RoleSlug).Select(r => r.Id).FirstOrDefaultAsync(ct);
        var role = await db.Roles
            .Include(r => r.Levels).ThenInclude(rl => rl.Level)
            .Include(r => r.Requirements).ThenInclude(q => q.Skill)
            .Include(r => r.Requirements).ThenInclude(q => q.Level)
            .AsSplitQuery()
            .SingleOrDefaultAsync(r => r.Slug == page.RoleSlug, ct);
        var created = role is null;
        if (role is null)
        {
            role = new Role { Slug = page.RoleSlug, Name = page.RoleName, Summary = page.Summary, Family = family };
            db.Roles.Add(role);
        }

        var communityCells = created ? [] : await CommunityCellsAsync(page, role, ct);
        if (communityCells.Count > 0 && !force)
        {
            return (role, false, null, communityCells);
        }

        var changes = new List<string>();
        if (role.Name != page.RoleName)
        {
            role.Name = page.RoleName;
            changes.Add("name changed");
        }

        if (role.Summary != page.Summary)
        {
            role.Summary = page.Summary;
            changes.Add("summary changed");
        }

        // A family added by this import has no id yet, so it differs from the role's current one too.
        if (!created && role.FamilyId != family.Id)
        {
            role.Family = family;
            changes.Add($"family changed to '{family.Name}'");
        }

        var levelChanges = ReconcileRoleLevels(page, role, levels);
        if (levelChanges > 0)
        {
            changes.Add($"focus or technology stack changed for {Count(levelChanges, "level")}");
        }

        var (added, updated, removed) = ReconcileRequirements(page, role, levels, skills);
        if (added > 0)
        {
            changes.Add($"{Count(added, "requirement")} added");
        }

        if (updated > 0)
        {
            changes.Add($"{Count(updated, "requirement")} changed");
        }

        if (removed > 0)
        {
            changes.Add($"{Count(removed, "requirement")} removed");
        }

        // A new role is version 1 with no changelog entry; the log records versions after the first.
        if (created || changes.Count == 0)
        {
            return (role, created, null, communityCells);
        }

        role.Version++;
        var summary = communityCells.Count == 0
            ? $"Imported from {page.FileName}: {string.Join(", ", changes)}"
            : $"Forced re-import from {page.FileName}, reverting {Count(communityCells.Count, "community change")} "
              + $"({string.Join("; ", communityCells.Select(c => $"{c.Skill} at {c.Level}: {c.Current} -> {c.Page}"))}): {string.Join(", ", changes)}";
        if (summary.Length > MaxChangeSummaryLength)
        {
            summary = summary[..(MaxChangeSummaryLength - 3)] + "...";
        }

        db.Changes.Add(new CatalogChange { Role = role, Version = role.Version, Summary = summary, ProposalId = null, At = DateTime.UtcNow });
        return (role, false, summary, communityCells);
    }

    /// <summary>
    /// The cells accepted proposals set since the role's last import (the newest changelog entry without a proposal,
    /// or its creation, which has none) whose value, proficiency or mandatory, differs from the page's: exactly those
    /// the import would revert. A cell the page already agrees with is no conflict.
    /// </summary>
    private async Task<IReadOnlyList<CommunityCellChange>> CommunityCellsAsync(SeedPage page, Role role, CancellationToken ct)
    {
        var lastImport = await db.Changes.Where(c => c.RoleId == role.Id && c.ProposalId == null).MaxAsync(c => (int?)c.Version, ct) ?? 1;
        var touched = await db.Changes
            .Where(c => c.RoleId == role.Id && c.ProposalId != null && c.Version > lastImport && c.SkillId != null && c.LevelId != null)
            .OrderBy(c => c.Version)
            .Join(db.Skills, c => c.SkillId, s => s.Id, (c, s) => new { c.LevelId, Skill = s })
            .Join(db.Levels, c => c.LevelId, l => l.Id, (c, l) => new { SkillId = c.Skill.Id, SkillSlug = c.Skill.Slug, SkillName = c.Skill.Name, LevelId = l.Id, LevelKey = l.Key })
            .ToListAsync(ct);
        if (touched.Count == 0)
        {
            return [];
        }

        var pageCells = page.Domains.SelectMany(d => d.Skills)
            .SelectMany(s => s.Cells.Select(c => (s.Slug, c.LevelKey, Cell: c)))
            .ToDictionary(c => (c.Slug, c.LevelKey), c => c.Cell);
        var cells = new List<CommunityCellChange>();
        foreach (var cell in touched.DistinctBy(c => (c.SkillId, c.LevelId)))
        {
            var current = role.Requirements.FirstOrDefault(r => r.SkillId == cell.SkillId && r.LevelId == cell.LevelId);
            var onPage = pageCells.GetValueOrDefault((cell.SkillSlug, cell.LevelKey));
            if (current?.Proficiency != onPage?.Proficiency || (current is not null && current.Mandatory != onPage!.Mandatory))
            {
                cells.Add(new CommunityCellChange(cell.SkillName, cell.LevelKey,
                    Describe(current?.Proficiency, current?.Mandatory == true), Describe(onPage?.Proficiency, onPage?.Mandatory == true)));
            }
        }

        return cells;
    }

    private static string Describe(Proficiency? proficiency, bool mandatory) =>
        proficiency is null ? "none" : $"{proficiency.Value.ToString().ToUpperInvariant()}{(mandatory ? "" : " (optional)")}";

    /// <summary>Levels are global rows keyed by <see cref="Level.Key"/>; the page's name and rank win.</summary>
    private async Task<Dictionary<string, Level>> UpsertLevelsAsync(SeedPage page, CancellationToken ct)
    {
        var keys = page.Levels.Select(l => l.Key).ToList();
        var levels = await db.Levels.Where(l => keys.Contains(l.Key)).ToDictionaryAsync(l => l.Key, ct);
        foreach (var seed in page.Levels)
        {
            if (!levels.TryGetValue(seed.Key, out var level))
            {
                level = new Level { Key = seed.Key, Name = seed.Name, Rank = seed.Rank };
                db.Levels.Add(level);
                levels.Add(seed.Key, level);
                continue;
            }

            if (level.Name != seed.Name)
            {
                level.Name = seed.Name;
            }

            if (level.Rank != seed.Rank)
            {
                level.Rank = seed.Rank;
            }
        }

        return levels;
    }

    /// <summary>
    /// Domains and skills are global rows matched by slug. Existing ones keep their name, domain and position
    /// (another page may have put them there); new ones are appended after the current last position, so
    /// that on an empty catalog positions follow the page.
    /// </summary>
    private async Task<Dictionary<string, Skill>> UpsertSkillsAsync(SeedPage page, List<string> warnings, CancellationToken ct)
    {
        var domainSlugs = page.Domains.Select(d => d.Slug).ToList();
        var domains = await db.Domains.Where(d => domainSlugs.Contains(d.Slug)).ToDictionaryAsync(d => d.Slug, ct);
        var nextDomainPosition = (await db.Domains.MaxAsync(d => (int?)d.Position, ct) ?? -1) + 1;

        var skillSlugs = page.Domains.SelectMany(d => d.Skills).Select(s => s.Slug).ToList();
        var skills = await db.Skills.Include(s => s.Domain).Where(s => skillSlugs.Contains(s.Slug)).ToDictionaryAsync(s => s.Slug, ct);
        var lastSkillPositions = await db.Skills
            .GroupBy(s => s.DomainId)
            .Select(g => new { DomainId = g.Key, Last = g.Max(s => s.Position) })
            .ToDictionaryAsync(g => g.DomainId, g => g.Last, ct);

        foreach (var seedDomain in page.Domains)
        {
            if (!domains.TryGetValue(seedDomain.Slug, out var domain))
            {
                domain = new Domain { Slug = seedDomain.Slug, Name = seedDomain.Name, Position = nextDomainPosition++ };
                db.Domains.Add(domain);
                domains.Add(seedDomain.Slug, domain);
            }

            var nextSkillPosition = domain.Id != 0 && lastSkillPositions.TryGetValue(domain.Id, out var last) ? last + 1 : 0;
            foreach (var seedSkill in seedDomain.Skills)
            {
                if (!skills.TryGetValue(seedSkill.Slug, out var skill))
                {
                    skill = new Skill { Slug = seedSkill.Slug, Name = seedSkill.Name, Domain = domain, Position = nextSkillPosition++ };
                    db.Skills.Add(skill);
                    skills.Add(seedSkill.Slug, skill);
                }
                else if (skill.Domain != domain)
                {
                    // Moving it would reshuffle the matrices of every other role that uses the skill.
                    warnings.Add($"{page.FileName}:{seedSkill.Line}: '{seedSkill.Name}' is listed under '{seedDomain.Name}' but the catalog has it under '{skill.Domain.Name}'; it stays there");
                }
            }
        }

        return skills;
    }

    /// <returns>How many of the role's levels were added, changed or removed.</returns>
    private int ReconcileRoleLevels(SeedPage page, Role role, Dictionary<string, Level> levels)
    {
        var changed = 0;
        var stale = role.Levels.ToDictionary(rl => rl.Level.Key);
        foreach (var seed in page.Levels)
        {
            if (!stale.Remove(seed.Key, out var roleLevel))
            {
                role.Levels.Add(new RoleLevel { Role = role, Level = levels[seed.Key], Focus = seed.Focus, TechStack = [.. seed.TechStack] });
                changed++;
                continue;
            }

            var differs = false;
            if (roleLevel.Focus != seed.Focus)
            {
                roleLevel.Focus = seed.Focus;
                differs = true;
            }

            if (!roleLevel.TechStack.SequenceEqual(seed.TechStack, StringComparer.Ordinal))
            {
                roleLevel.TechStack = [.. seed.TechStack];
                differs = true;
            }

            changed += differs ? 1 : 0;
        }

        foreach (var roleLevel in stale.Values)
        {
            db.RoleLevels.Remove(roleLevel);
            changed++;
        }

        return changed;
    }

    private (int Added, int Changed, int Removed) ReconcileRequirements(SeedPage page, Role role, Dictionary<string, Level> levels, Dictionary<string, Skill> skills)
    {
        int added = 0, changed = 0;
        var stale = role.Requirements.ToDictionary(r => (r.Skill.Slug, r.Level.Key));
        foreach (var seedSkill in page.Domains.SelectMany(d => d.Skills))
        {
            foreach (var cell in seedSkill.Cells)
            {
                if (!stale.Remove((seedSkill.Slug, cell.LevelKey), out var requirement))
                {
                    role.Requirements.Add(new Requirement
                    {
                        Role = role,
                        Skill = skills[seedSkill.Slug],
                        Level = levels[cell.LevelKey],
                        Proficiency = cell.Proficiency,
                        Mandatory = cell.Mandatory,
                    });
                    added++;
                    continue;
                }

                if (requirement.Proficiency != cell.Proficiency || requirement.Mandatory != cell.Mandatory)
                {
                    requirement.Proficiency = cell.Proficiency;
                    requirement.Mandatory = cell.Mandatory;
                    changed++;
                }
            }
        }

        foreach (var requirement in stale.Values)
        {
            db.Requirements.Remove(requirement);
        }

        return (added, changed, stale.Count);
    }

    private static string Count(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
