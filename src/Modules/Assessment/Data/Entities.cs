using SkillMatrix.Catalog.Contracts;

namespace SkillMatrix.Assessment.Data;

/// <summary>A member's saved self-assessment of one role: their ratings, and the role's version when they rated.</summary>
internal sealed class SavedAssessment
{
    public int Id { get; set; }
    public required string MemberId { get; set; }
    public int RoleId { get; set; }
    public required string RoleSlug { get; set; }
    public int CatalogVersion { get; set; }
    public DateTime CreatedAt { get; set; }
    public List<SavedRating> Ratings { get; set; } = [];
}

internal sealed class SavedRating
{
    public int AssessmentId { get; set; }
    public int SkillId { get; set; }
    public required string SkillSlug { get; set; }
    public Proficiency? Proficiency { get; set; }
}
