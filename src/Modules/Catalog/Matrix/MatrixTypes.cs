using SkillMatrix.Catalog.Domains;
using SkillMatrix.Catalog.Requirements;
using SkillMatrix.Catalog.Skills;

namespace SkillMatrix.Catalog.Matrix;

internal sealed class MatrixDomainType : ObjectGraphType<MatrixDomain>
{
    public MatrixDomainType()
    {
        Description = "A domain heading of the matrix with its skill rows.";
        Field<NonNullGraphType<DomainType>>("domain").Resolve(context => context.Source.Domain);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<MatrixSkillType>>>>("skills").Resolve(context => context.Source.Skills);
    }
}

internal sealed class MatrixSkillType : ObjectGraphType<MatrixSkill>
{
    public MatrixSkillType()
    {
        Description = "A row of the matrix: a skill and one cell per ladder level.";
        Field<NonNullGraphType<SkillType>>("skill").Resolve(context => context.Source.Skill);
        Field<NonNullGraphType<ListGraphType<RequirementType>>>("cells")
            .Description("One entry per ladder level, in ladder order; null where the role requires nothing.")
            .Resolve(context => context.Source.Cells);
    }
}
