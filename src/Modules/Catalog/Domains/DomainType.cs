using SkillMatrix.Catalog.Data;
using SkillMatrix.Catalog.Skills;

namespace SkillMatrix.Catalog.Domains;

internal sealed class DomainType : NodeGraphType<Domain>
{
    public DomainType() : base("A group of skills, e.g. API & Integration.", d => d.Id)
    {
        Field(d => d.Slug);
        Field(d => d.Name);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<SkillType>>>>("skills")
            .Description("The skills of the domain, in page order.")
            .ProjectedList(d => d.Skills.OrderBy(s => s.Position).ThenBy(s => s.Id));
    }
}
