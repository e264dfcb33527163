using SkillMatrix.Catalog.Data;

namespace SkillMatrix.Catalog.Levels;

internal sealed class LevelType : NodeGraphType<Level>
{
    public LevelType() : base("A rung of the career ladder, from Junior (rank 1) to Principal (rank 5).", l => l.Id)
    {
        Field(l => l.Key).Description("A stable key: JUNIOR, MIDDLE, SENIOR, LEAD_STAFF, PRINCIPAL.");
        Field(l => l.Name).Description("The name the page prints, e.g. 'Lead / Staff'.");
        Field(l => l.Rank).Description("1 for the first rung; higher is more senior.");
    }
}
