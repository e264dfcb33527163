using Platform.Data.Conventions.Paging;
using SkillMatrix.Catalog.Data;
using SkillMatrix.Catalog.Domains;
using SkillMatrix.Catalog.Families;
using SkillMatrix.Catalog.Levels;
using SkillMatrix.Catalog.Requirements;
using SkillMatrix.Catalog.Roles;
using SkillMatrix.Catalog.Skills;

namespace SkillMatrix.Catalog;

/// <summary>The Catalog's root query fields, in the schema's order.</summary>
internal static class CatalogQueries
{
    public static void AddTo(ObjectGraphType query)
    {
        query.AddListField<RoleFamily, RoleFamilyType>("families", "Every role family, by name.",
            context => context.Catalog().Families.OrderBy(f => f.Name).ThenBy(f => f.Id));

        query.AddConnectionField<Role, RoleType>("roles", "Every role, as a connection.", context => context.Catalog().Roles, r => r.Id);
        query.Field<RoleType>("role")
            .Description("The role with this slug, or null.")
            .Argument<NonNullGraphType<StringGraphType>>("slug", "e.g. backend-developer-python")
            .ResolveAsync(async context => await context.FirstProjectedAsync(
                context.Catalog(), (CatalogDbContext db, string slug) => db.Roles.Where(r => r.Slug == slug), context.GetArgument<string>("slug")));

        query.AddListField<Level, LevelType>("levels", "The career ladder, by rank.",
            context => context.Catalog().Levels.OrderBy(l => l.Rank));
        query.AddListField<Domain, DomainType>("domains", "Every skill domain, in page order.",
            context => context.Catalog().Domains.OrderBy(d => d.Position).ThenBy(d => d.Id));
        query.AddConnectionField<Skill, SkillType>("skills", "Every skill, as a connection.", context => context.Catalog().Skills, s => s.Id);
        query.AddConnectionField<Requirement, RequirementType>("requirements", "Every cell of every role's matrix, as a connection.",
            context => context.Catalog().Requirements, q => q.Id);
    }
}
