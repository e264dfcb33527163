using SkillMatrix.Catalog.Contracts;

namespace SkillMatrix.Assessment.Grading;

internal sealed class GradeEstimateType : ObjectGraphType<GradeEstimate>
{
    public GradeEstimateType()
    {
        Description = "Where a rater stands on a role's ladder, and what stands between them and the next level.";
        this.RoleField("role", e => e.RoleId);
        this.LevelField("level", e => e.Level?.Id).Description("The highest level reached; null when not even the first.");
        this.LevelField("nextLevel", e => e.NextLevel?.Id).Description("The level above; the first level when none is reached; null at the top.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<LevelFitType>>>>("levels").Description("Every level of the ladder, in order.").ResolveFromSource(source => source.Levels);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<SkillGapType>>>>("gaps")
            .Description("The unmet requirements of nextLevel: mandatory first, then most steps, then page order.")
            .ResolveFromSource(source => source.Gaps);
    }
}

internal sealed class LevelFitType : ObjectGraphType<LevelFit>
{
    public LevelFitType()
    {
        this.LevelField("level", f => f.Level.Id);
        Field(f => f.Reached);
        Field(f => f.Coverage).Description("Met requirements of the level / all of them.");
        Field(f => f.MandatoryCoverage).Description("Met mandatory requirements / all mandatory ones; 1.0 when there are none.");
    }
}

internal sealed class SkillGapType : ObjectGraphType<SkillGap>
{
    public SkillGapType()
    {
        this.SkillField("skill", g => g.SkillId);
        this.ProficiencyField("required", g => g.Required);
        this.ProficiencyField("current", g => g.Current).Description("The rating; null when unrated.");
        Field(g => g.Mandatory);
        Field(g => g.Steps).Description("Required rank minus current rank (unrated counts as 0).");
    }
}
