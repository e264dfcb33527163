using Platform.Data.Persistence;
using SkillMatrix.Catalog.Contracts;

namespace SkillMatrix.Community.Data;

internal sealed class CommunityDbContext(DbContextOptions<CommunityDbContext> options) : ModuleDbContext(options, "community")
{
    public DbSet<Member> Members => Set<Member>();
    public DbSet<Proposal> Proposals => Set<Proposal>();
    public DbSet<Vote> Votes => Set<Vote>();
    public DbSet<Comment> Comments => Set<Comment>();
    public DbSet<Review> Reviews => Set<Review>();
    public DbSet<Watch> Watches => Set<Watch>();
    public DbSet<Notification> Notifications => Set<Notification>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);

        modelBuilder.Entity<Member>(member =>
        {
            member.ToTable("members");
            member.Property(m => m.Id).HasMaxLength(TextLimits.Name);
            member.Property(m => m.Name).HasMaxLength(TextLimits.Name);
        });

        modelBuilder.Entity<Proposal>(proposal =>
        {
            proposal.ToTable("proposals");
            proposal.Ignore(p => p.IsOpen);
            proposal.Property(p => p.RoleSlug).HasMaxLength(TextLimits.Name);
            proposal.Property(p => p.Title).HasMaxLength(TextLimits.Title);
            proposal.Property(p => p.Rationale).HasMaxLength(TextLimits.Text);
            proposal.Property(p => p.SkillSlug).HasMaxLength(TextLimits.Name);
            proposal.Property(p => p.SkillName).HasMaxLength(TextLimits.Name);
            proposal.Property(p => p.DomainSlug).HasMaxLength(TextLimits.Name);
            proposal.Property(p => p.DomainName).HasMaxLength(TextLimits.Name);
            proposal.Property(p => p.LevelKey).HasMaxLength(TextLimits.Key);
            proposal.HasOne(p => p.Author).WithMany().HasForeignKey(p => p.AuthorId).OnDelete(DeleteBehavior.Restrict);
            proposal.HasIndex(p => new { p.RoleId, p.Status });
            proposal.HasIndex(p => p.AuthorId);
        });

        modelBuilder.Entity<Vote>(vote =>
        {
            vote.ToTable("votes");
            // One vote per member per proposal: the key says so, whatever the code does.
            vote.HasKey(v => new { v.ProposalId, v.MemberId });
            vote.HasOne<Proposal>().WithMany(p => p.Votes).HasForeignKey(v => v.ProposalId).OnDelete(DeleteBehavior.Cascade);
            vote.HasOne<Member>().WithMany().HasForeignKey(v => v.MemberId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<Comment>(comment =>
        {
            comment.ToTable("comments");
            comment.Property(c => c.Body).HasMaxLength(TextLimits.Text);
            comment.HasOne(c => c.Proposal).WithMany(p => p.Comments).HasForeignKey(c => c.ProposalId).OnDelete(DeleteBehavior.Cascade);
            comment.HasOne(c => c.Author).WithMany().HasForeignKey(c => c.AuthorId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<Review>(review =>
        {
            review.ToTable("reviews");
            review.HasKey(r => r.ProposalId);
            review.Property(r => r.Note).HasMaxLength(TextLimits.Text);
            review.HasOne<Proposal>().WithOne(p => p.Review).HasForeignKey<Review>(r => r.ProposalId).OnDelete(DeleteBehavior.Cascade);
            review.HasOne(r => r.Reviewer).WithMany().HasForeignKey(r => r.ReviewerId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<Watch>(watch =>
        {
            watch.ToTable("watches");
            watch.HasKey(w => new { w.RoleId, w.MemberId });
            watch.HasOne<Member>().WithMany().HasForeignKey(w => w.MemberId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<Notification>(notification =>
        {
            notification.ToTable("notifications");
            notification.HasOne(n => n.Proposal).WithMany().HasForeignKey(n => n.ProposalId).OnDelete(DeleteBehavior.Cascade);
            notification.HasOne<Member>().WithMany().HasForeignKey(n => n.MemberId).OnDelete(DeleteBehavior.Restrict);
            notification.HasIndex(n => new { n.MemberId, n.Id });
        });
    }
}
