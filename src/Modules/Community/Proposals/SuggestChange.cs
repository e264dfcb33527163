using SkillMatrix.Catalog.Contracts;
using SkillMatrix.Community.Live;
using SkillMatrix.Community.Data;
using SkillMatrix.Community.Members;
using SkillMatrix.Community.Notifications;

namespace SkillMatrix.Community.Proposals;

internal sealed class SuggestChangeInput
{
    public string RoleSlug { get; set; } = "";
    public string? Skill { get; set; }
    public NewSkillInput? NewSkill { get; set; }
    public string Level { get; set; } = "";
    public Proficiency? Proficiency { get; set; }
    public bool? Mandatory { get; set; }
    public string Title { get; set; } = "";
    public string Rationale { get; set; } = "";
}

internal sealed class NewSkillInput
{
    public string Name { get; set; } = "";
    public string Domain { get; set; } = "";
}

internal sealed class SuggestChangeInputType : InputObjectGraphType<SuggestChangeInput>
{
    public SuggestChangeInputType()
    {
        Field(i => i.RoleSlug);
        Field(i => i.Skill, nullable: true).Description("The slug of an existing skill ...");
        Field<NewSkillInputType>("newSkill").Description("... or a new skill: exactly one of the two.");
        Field(i => i.Level).Description("A level key, e.g. JUNIOR.");
        this.ProficiencyField("proficiency").Description("The target proficiency; null removes the cell.");
        Field(i => i.Mandatory, nullable: true).Description("Default: WORKING or above.");
        Field(i => i.Title).Description(TextLimits.Required(TextLimits.Title));
        Field(i => i.Rationale).Description(TextLimits.Required(TextLimits.Text));
    }
}

internal sealed class NewSkillInputType : InputObjectGraphType<NewSkillInput>
{
    public NewSkillInputType()
    {
        Field(i => i.Name);
        Field(i => i.Domain).Description("The slug of the skill's domain.");
    }
}

internal sealed class SuggestChangePayloadType() : ProposalPayloadType("SuggestChange", typeof(NotFoundError), typeof(ValidationError), typeof(ConflictError));

internal static class SuggestChange
{
    public static async Task<ProposalPayload> HandleAsync(IResolveFieldContext context)
    {
        var input = context.GetArgument<SuggestChangeInput>("input");
        var db = context.Community();
        var catalog = context.Service<ICatalogReader>();
        var cancellationToken = context.CancellationToken;

        if (Invalid(input) is { } invalid)
        {
            return ProposalPayload.Refused(invalid);
        }

        var role = await catalog.FindRoleAsync(input.RoleSlug, cancellationToken);
        var level = await catalog.FindLevelAsync(input.Level, cancellationToken);
        if (role is null || level is null)
        {
            return ProposalPayload.Refused(new NotFoundError(role is null ? $"No role has the slug '{input.RoleSlug}'." : $"No level has the key '{input.Level}'."));
        }

        string skillSlug, skillName;
        DomainReference domain;
        CellValue? current = null;
        if (input.Skill is not null)
        {
            var skill = await catalog.FindSkillAsync(input.Skill, cancellationToken);
            if (skill is null)
            {
                return ProposalPayload.Refused(new NotFoundError($"No skill has the slug '{input.Skill}'."));
            }

            (skillSlug, skillName, domain) = (skill.Slug, skill.Name, skill.Domain);
            current = await catalog.FindCellAsync(role.Id, skill.Id, level.Id, cancellationToken);
        }
        else
        {
            var newSkill = input.NewSkill!;
            var found = await catalog.FindDomainAsync(newSkill.Domain, cancellationToken);
            if (found is null)
            {
                return ProposalPayload.Refused(new NotFoundError($"No domain has the slug '{newSkill.Domain}'."));
            }

            skillSlug = Slug.From(newSkill.Name);
            if (skillSlug.Length == 0)
            {
                return ProposalPayload.Refused(new ValidationError("A new skill's name needs at least one letter or digit (a-z, 0-9) to make its slug.", "newSkill.name"));
            }

            if (await catalog.FindSkillAsync(skillSlug, cancellationToken) is not null)
            {
                return ProposalPayload.Refused(new ValidationError($"A skill '{skillSlug}' exists already; propose a change to it with 'skill'.", "newSkill.name"));
            }

            (skillName, domain) = (newSkill.Name.Trim(), found);
        }

        var mandatory = input.Proficiency is { } to && (input.Mandatory ?? to >= Proficiency.Working);
        if (input.Proficiency == current?.Proficiency && (input.Proficiency is null || mandatory == current?.Mandatory))
        {
            return ProposalPayload.Refused(new ValidationError("The change changes nothing: the cell holds that value already.", "proficiency"));
        }

        var author = await context.MemberAsync(db);
        var duplicate = await db.Proposals.AnyAsync(p => p.AuthorId == author.Id && p.RoleId == role.Id && p.SkillSlug == skillSlug
            && p.LevelId == level.Id && (p.Status == ProposalStatus.Open || p.Status == ProposalStatus.InReview), cancellationToken);
        if (duplicate)
        {
            return ProposalPayload.Refused(new ConflictError("You have an open proposal for this cell already; withdraw it or wait for its review."));
        }

        var now = context.Service<TimeProvider>().GetUtcNow().UtcDateTime;
        var proposal = new Proposal
        {
            RoleId = role.Id,
            RoleSlug = role.Slug,
            Title = input.Title.Trim(),
            Rationale = input.Rationale.Trim(),
            SkillSlug = skillSlug,
            SkillName = skillName,
            DomainSlug = domain.Slug,
            DomainName = domain.Name,
            IsNewSkill = input.Skill is null,
            LevelId = level.Id,
            LevelKey = level.Key,
            From = current?.Proficiency,
            To = input.Proficiency,
            Mandatory = mandatory,
            AuthorId = author.Id,
            Author = author,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Proposals.Add(proposal);
        context.Announce(proposal, ProposalEventKind.Created);
        await context.Service<Notifier>().NotifyAsync(proposal, NotificationKind.ProposalCreated, author.Id, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return new ProposalPayload(proposal.Id);
    }

    private static ValidationError? Invalid(SuggestChangeInput input)
    {
        if ((input.Skill is null) == (input.NewSkill is null))
        {
            return new ValidationError("Give exactly one of 'skill' (an existing skill's slug) and 'newSkill'.", "skill");
        }

        if (input.NewSkill is { } newSkill && (string.IsNullOrWhiteSpace(newSkill.Name) || newSkill.Name.Trim().Length > TextLimits.Name))
        {
            return new ValidationError($"A new skill's name has 1 to {TextLimits.Name} characters.", "newSkill.name");
        }

        if (input.NewSkill is not null && input.Proficiency is null)
        {
            return new ValidationError("A new skill needs a proficiency: there is no cell to remove.", "proficiency");
        }

        return TextLimits.Check(input.Title, "title", TextLimits.Title) ?? TextLimits.Check(input.Rationale, "rationale", TextLimits.Text);
    }
}
