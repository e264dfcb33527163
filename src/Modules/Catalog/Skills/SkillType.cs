using SkillMatrix.Catalog.Data;
using SkillMatrix.Catalog.Domains;
using SkillMatrix.Catalog.Requirements;

namespace SkillMatrix.Catalog.Skills;

internal sealed class SkillType : NodeGraphType<Skill>
{
    public SkillType() : base("A skill, e.g. REST API Design.", s => s.Id)
    {
        Field(s => s.Slug);
        Field(s => s.Name);
        Field(s => s.Domain, typeof(NonNullGraphType<DomainType>));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<RequirementType>>>>("requirements")
            .Description("Every role's requirement of this skill.")
            .ResolveFromSource(source => source.Requirements)
            .FieldType.WithFilteringAndSorting<RequirementType>();
    }
}
