using Platform.Data.Persistence;
using SkillMatrix.Catalog.Contracts;

namespace SkillMatrix.Assessment.Data;

internal sealed class AssessmentDbContext(DbContextOptions<AssessmentDbContext> options) : ModuleDbContext(options, "assessment")
{
    public DbSet<SavedAssessment> Assessments => Set<SavedAssessment>();
    public DbSet<SavedRating> Ratings => Set<SavedRating>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);

        modelBuilder.Entity<SavedAssessment>(assessment =>
        {
            assessment.ToTable("assessments");
            assessment.Property(a => a.MemberId).HasMaxLength(TextLimits.Name);
            assessment.Property(a => a.RoleSlug).HasMaxLength(TextLimits.Name);
            assessment.HasIndex(a => new { a.MemberId, a.Id });
            assessment.HasIndex(a => a.RoleId);
        });

        modelBuilder.Entity<SavedRating>(rating =>
        {
            rating.ToTable("assessment_ratings");
            rating.HasKey(r => new { r.AssessmentId, r.SkillId });
            rating.Property(r => r.SkillSlug).HasMaxLength(TextLimits.Name);
            rating.HasOne<SavedAssessment>().WithMany(a => a.Ratings).HasForeignKey(r => r.AssessmentId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}

internal static class AssessmentResolveContextExtensions
{
    /// <summary>The request's AssessmentDbContext; fields run one at a time, so they can share it.</summary>
    public static AssessmentDbContext Assessments(this IResolveFieldContext context) => context.Service<AssessmentDbContext>();
}
