using Platform.Data.Persistence;
using SkillMatrix.Catalog.Contracts;
using Platform.Data.Events;
using SkillMatrix.Catalog.Data;
using SkillMatrix.Catalog.Live;

namespace SkillMatrix.Catalog.Integration;

internal sealed class CatalogChanges(CatalogDbContext db, TimeProvider clock, EventOutbox outbox) : ICatalogChanges
{
    public async Task<CellChangeOutcome> ApplyAsync(CellChange change, CancellationToken cancellationToken = default)
    {
        // The role's row is locked first: changes to one role take turns, so each reads the cell and the version as the
        // previous one left them (version + 1 exactly once per change, also across replicas).
        var role = await db.Roles.ForUpdate().FirstOrDefaultAsync(r => r.Id == change.RoleId, cancellationToken);

        // The changelog's unique proposal id is the idempotency key: a second call finds the first one's entry.
        if (await db.Changes.AnyAsync(c => c.ProposalId == change.ChangeId, cancellationToken))
        {
            return CellChangeOutcome.AlreadyApplied;
        }

        var level = await db.Levels.FirstOrDefaultAsync(l => l.Id == change.LevelId, cancellationToken);
        if (role is null || level is null)
        {
            return CellChangeOutcome.Conflict;
        }

        var skill = await db.Skills.FirstOrDefaultAsync(s => s.Slug == change.SkillSlug, cancellationToken)
            ?? await CreateSkillAsync(change, cancellationToken);
        if (skill is null)
        {
            return CellChangeOutcome.Conflict;
        }

        var cell = skill.Id == 0 ? null : await db.Requirements
            .FirstOrDefaultAsync(q => q.RoleId == role.Id && q.SkillId == skill.Id && q.LevelId == level.Id, cancellationToken);
        if (cell?.Proficiency != change.From)
        {
            return CellChangeOutcome.Conflict;
        }

        if (change.To is null)
        {
            if (cell is not null)
            {
                db.Requirements.Remove(cell);
            }
        }
        else if (cell is null)
        {
            await EnsureRoleLevelAsync(role, level, cancellationToken);
            db.Requirements.Add(new Requirement { Role = role, Skill = skill, Level = level, Proficiency = change.To.Value, Mandatory = change.Mandatory });
        }
        else
        {
            cell.Proficiency = change.To.Value;
            cell.Mandatory = change.Mandatory;
        }

        if (skill.Id == 0)
        {
            // A skill this change creates gets its id here, for the changelog entry to name the cell (a re-import reads it).
            await db.SaveChangesAsync(cancellationToken);
        }

        role.Version++;
        var entry = new CatalogChange
        {
            Role = role,
            Version = role.Version,
            Summary = change.Summary,
            ProposalId = change.ChangeId,
            At = clock.GetUtcNow().UtcDateTime,
            SkillId = skill.Id,
            LevelId = level.Id,
        };
        db.Changes.Add(entry);
        await db.SaveChangesAsync(cancellationToken);
        // Only an applied change is announced, and only once the caller's transaction commits: a change applied
        // before (two reviews racing) or rolled back with the review announces nothing.
        RoleChanges.Announce(outbox, role, entry);
        return CellChangeOutcome.Applied;
    }

    private async Task<Skill?> CreateSkillAsync(CellChange change, CancellationToken cancellationToken)
    {
        // A skill needs a slug to be found by; a change that would make an empty one is refused, not stored.
        if (change.NewSkill is null || change.SkillSlug.Length == 0)
        {
            return null;
        }

        var domain = await db.Domains.FirstOrDefaultAsync(d => d.Slug == change.NewSkill.DomainSlug, cancellationToken);
        if (domain is null)
        {
            return null;
        }

        var position = await db.Skills.Where(s => s.DomainId == domain.Id).MaxAsync(s => (int?)s.Position, cancellationToken) ?? -1;
        var skill = new Skill { Slug = change.SkillSlug, Name = change.NewSkill.Name, Domain = domain, Position = position + 1 };
        db.Skills.Add(skill);
        return skill;
    }

    // A cell sits at a level of its role's ladder; a role imported without that level gets it now.
    private async Task EnsureRoleLevelAsync(Role role, Level level, CancellationToken cancellationToken)
    {
        if (!await db.RoleLevels.AnyAsync(rl => rl.RoleId == role.Id && rl.LevelId == level.Id, cancellationToken))
        {
            db.RoleLevels.Add(new RoleLevel { Role = role, Level = level });
        }
    }
}
