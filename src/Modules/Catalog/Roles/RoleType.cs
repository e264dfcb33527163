using SkillMatrix.Catalog.Changes;
using SkillMatrix.Catalog.Data;
using SkillMatrix.Catalog.Families;
using SkillMatrix.Catalog.Matrix;
using SkillMatrix.Catalog.Requirements;
using SkillMatrix.Catalog.Skills;
using SkillMatrix.Catalog.Stats;

namespace SkillMatrix.Catalog.Roles;

internal sealed class RoleType : NodeGraphType<Role>
{
    /// <summary>The name other modules' <see cref="Contracts.RoleTypeExtension"/>s extend.</summary>
    public const string TypeName = "Role";

    public RoleType(IEnumerable<TypeExtension> extensions)
        : base("A role with its career ladder and skill matrix, e.g. Backend Developer (Python).", r => r.Id)
    {
        Name = TypeName;
        Field(r => r.Slug);
        Field(r => r.Name);
        Field(r => r.Summary, nullable: true);
        Field(r => r.Family, typeof(NonNullGraphType<RoleFamilyType>));
        Field(r => r.Version).Description("1 when imported; +1 for every accepted change.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<RoleLevelType>>>>("levels")
            .Description("What each level of the ladder means for this role, in ladder order.")
            .ResolveFromSource(source => source.Levels)
            .ProjectFrom(r => r.Levels.OrderBy(l => l.Level.Rank));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<SkillType>>>>("skills")
            .Description("The skills the role requires at any level, in page order.")
            // Each skill once: through its requirement at the lowest level. SQLite has no APPLY, so the condition
            // is correlated with the requirement alone, never with the role, and DISTINCT over entities is avoided.
            .ProjectedList(PageOrder.InPageOrder<Role, Skill>(
                r => r.Requirements.Where(q => !q.Skill.Requirements.Any(other => other.RoleId == q.RoleId && other.Level.Rank < q.Level.Rank)),
                q => q.Skill));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<RequirementType>>>>("requirements")
            .Description("Every cell of the role's matrix, in page order.")
            .ProjectedList(PageOrder.InPageOrder<Role>(r => r.Requirements));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<MatrixDomainType>>>>("matrix")
            .Description("The page's table: domains, their skills, and one cell per ladder level (null where none).")
            .Resolve(context => context.Service<RoleMatrixLoader>().Load(context))
            .DependsOn(r => r.Id);
        Field<NonNullGraphType<RoleStatsType>>("stats")
            .Description("Counts of the role's matrix.")
            .Resolve(context => context.Service<RoleStatsLoader>().Load(context))
            .DependsOn(r => r.Id);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CatalogChangeType>>>>("changes")
            .Description("The role's changelog, newest first.")
            .ResolveFromSource(source => source.Changes)
            .ProjectFrom(r => r.Changes.OrderByDescending(c => c.Version).ThenByDescending(c => c.Id));

        // Other modules' fields on Role (Community's proposals and watchers), without Catalog knowing them.
        this.ApplyExtensions(extensions, r => r.Id);
    }
}
