using GraphQL.Types;
using Platform.Data.Schema;
using SkillMatrix.Catalog.Contracts;

namespace SkillMatrix.Assessment.Grading;

internal sealed class GradeEstimateType : ObjectGraphType<GradeEstimate>
{
    public GradeEstimateType()
    {
        Name = "GradeEstimate";
        Description = "Where a rater stands on a role's ladder, and what stands between them and the next level.";
        Field("role", new NonNullGraphType(new GraphQLTypeReference(ICatalogGraph.RoleType)))
            .Resolve(context => context.Catalog().LoadRole(context, ((GradeEstimate)context.Source!).RoleId));
        Field("level", new GraphQLTypeReference(ICatalogGraph.LevelType))
            .Description("The highest level reached; null when not even the first.")
            .Resolve(context => ((GradeEstimate)context.Source!).Level is { } level ? context.Catalog().LoadLevel(context, level.Id) : null);
        Field("nextLevel", new GraphQLTypeReference(ICatalogGraph.LevelType))
            .Description("The level above; the first level when none is reached; null at the top.")
            .Resolve(context => ((GradeEstimate)context.Source!).NextLevel is { } level ? context.Catalog().LoadLevel(context, level.Id) : null);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<LevelFitType>>>>("levels").Description("Every level of the ladder, in order.").Resolve(context => context.Source.Levels);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<SkillGapType>>>>("gaps")
            .Description("The unmet requirements of nextLevel: mandatory first, then most steps, then page order.")
            .Resolve(context => context.Source.Gaps);
    }
}

internal sealed class LevelFitType : ObjectGraphType<LevelFit>
{
    public LevelFitType()
    {
        Name = "LevelFit";
        Field("level", new NonNullGraphType(new GraphQLTypeReference(ICatalogGraph.LevelType)))
            .Resolve(context => context.Catalog().LoadLevel(context, ((LevelFit)context.Source!).Level.Id));
        Field(f => f.Reached);
        Field(f => f.Coverage).Description("Met requirements of the level / all of them.");
        Field(f => f.MandatoryCoverage).Description("Met mandatory requirements / all mandatory ones; 1.0 when there are none.");
    }
}

internal sealed class SkillGapType : ObjectGraphType<SkillGap>
{
    public SkillGapType()
    {
        Name = "SkillGap";
        Field("skill", new NonNullGraphType(new GraphQLTypeReference(ICatalogGraph.SkillType)))
            .Resolve(context => context.Catalog().LoadSkill(context, ((SkillGap)context.Source!).SkillId));
        Field("required", new NonNullGraphType(new GraphQLTypeReference("Proficiency"))).Resolve(context => ((SkillGap)context.Source!).Required);
        Field("current", new GraphQLTypeReference("Proficiency")).Description("The rating; null when unrated.").Resolve(context => ((SkillGap)context.Source!).Current);
        Field(g => g.Mandatory);
        Field(g => g.Steps).Description("Required rank minus current rank (unrated counts as 0).");
    }
}

internal static class CatalogGraphAccess
{
    public static ICatalogGraph Catalog(this GraphQL.IResolveFieldContext context) => context.Service<ICatalogGraph>();
}
