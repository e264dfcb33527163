using SkillMatrix.Catalog.Domains;
using SkillMatrix.Catalog.Requirements;
using SkillMatrix.Catalog.Skills;

namespace SkillMatrix.Catalog.Matrix;

internal sealed class MatrixDomainType : ObjectGraphType<MatrixDomain>
{
    public MatrixDomainType()
    {
        Description = "A domain heading of the matrix with its skill rows.";
        Field(m => m.Domain, typeof(NonNullGraphType<DomainType>));
        Field(m => m.Skills, typeof(NonNullGraphType<ListGraphType<NonNullGraphType<MatrixSkillType>>>));
    }
}

internal sealed class MatrixSkillType : ObjectGraphType<MatrixSkill>
{
    public MatrixSkillType()
    {
        Description = "A row of the matrix: a skill and one cell per ladder level.";
        Field(m => m.Skill, typeof(NonNullGraphType<SkillType>));
        Field<NonNullGraphType<ListGraphType<RequirementType>>>("cells")
            .Description("One entry per ladder level, in ladder order; null where the role requires nothing.")
            .ResolveFromSource(source => source.Cells);
    }
}
