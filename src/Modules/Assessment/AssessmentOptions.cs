namespace SkillMatrix.Assessment;

/// <summary>The <c>Assessment</c> configuration section.</summary>
public sealed class AssessmentOptions
{
    public const string SectionName = "Assessment";

    /// <summary>The share of a level's requirements a rater must meet (besides every mandatory one) to reach it.</summary>
    public double CoverageThreshold { get; set; } = 0.8;

    /// <summary>Below this many saved assessments of a role, its statistics are withheld, so no one's answers stand out.</summary>
    public int StatsMinimumAssessments { get; set; } = 5;
}
