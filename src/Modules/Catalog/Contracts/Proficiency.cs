namespace SkillMatrix.Catalog.Contracts;

/// <summary>How well a skill is held, in ascending order; the numbers compare.</summary>
public enum Proficiency
{
    Awareness = 1,
    Working = 2,
    Advanced = 3,
    Expert = 4,
}
