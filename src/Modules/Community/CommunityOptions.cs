namespace SkillMatrix.Community;

/// <summary>The <c>Community</c> configuration section.</summary>
public sealed class CommunityOptions
{
    public const string SectionName = "Community";

    /// <summary>The score (up minus down votes) at which an open proposal moves to IN_REVIEW.</summary>
    public int ReviewThreshold { get; set; } = 3;
}
