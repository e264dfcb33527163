using Platform.Data.Persistence;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SkillMatrix.Catalog.Contracts;

namespace SkillMatrix.Catalog.Data;

internal sealed class CatalogDbContext(DbContextOptions<CatalogDbContext> options) : ModuleDbContext(options, "catalog")
{
    public DbSet<RoleFamily> Families => Set<RoleFamily>();
    public DbSet<Role> Roles => Set<Role>();
    public DbSet<Level> Levels => Set<Level>();
    public DbSet<RoleLevel> RoleLevels => Set<RoleLevel>();
    public DbSet<Domain> Domains => Set<Domain>();
    public DbSet<Skill> Skills => Set<Skill>();
    public DbSet<Requirement> Requirements => Set<Requirement>();
    public DbSet<CatalogChange> Changes => Set<CatalogChange>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);

        Named(modelBuilder.Entity<RoleFamily>().ToTable("families"));

        modelBuilder.Entity<Role>(role =>
        {
            role.ToTable("roles");
            Named(role);
            role.Property(r => r.Summary).HasMaxLength(TextLimits.Summary);
            role.Property(r => r.Version).IsConcurrencyToken();
            role.HasOne(r => r.Family).WithMany(f => f.Roles).HasForeignKey(r => r.FamilyId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<Level>(level =>
        {
            level.ToTable("levels");
            level.Property(l => l.Key).HasMaxLength(TextLimits.Key);
            level.Property(l => l.Name).HasMaxLength(80);
            level.HasIndex(l => l.Key).IsUnique();
            level.HasIndex(l => l.Rank).IsUnique();
        });

        modelBuilder.Entity<RoleLevel>(roleLevel =>
        {
            roleLevel.ToTable("role_levels");
            roleLevel.HasKey(rl => new { rl.RoleId, rl.LevelId });
            roleLevel.HasOne(rl => rl.Role).WithMany(r => r.Levels).HasForeignKey(rl => rl.RoleId).OnDelete(DeleteBehavior.Cascade);
            roleLevel.HasOne(rl => rl.Level).WithMany().HasForeignKey(rl => rl.LevelId).OnDelete(DeleteBehavior.Restrict);
            roleLevel.Property(rl => rl.Focus).HasMaxLength(TextLimits.Text);
            // A primitive collection: stored as a JSON array in one column.
            roleLevel.PrimitiveCollection(rl => rl.TechStack);
        });

        Named(modelBuilder.Entity<Domain>().ToTable("domains"));

        modelBuilder.Entity<Skill>(skill =>
        {
            skill.ToTable("skills");
            Named(skill);
            skill.HasOne(s => s.Domain).WithMany(d => d.Skills).HasForeignKey(s => s.DomainId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<Requirement>(requirement =>
        {
            requirement.ToTable("requirements");
            requirement.HasOne(r => r.Role).WithMany(r => r.Requirements).HasForeignKey(r => r.RoleId).OnDelete(DeleteBehavior.Cascade);
            requirement.HasOne(r => r.Skill).WithMany(s => s.Requirements).HasForeignKey(r => r.SkillId).OnDelete(DeleteBehavior.Restrict);
            requirement.HasOne(r => r.Level).WithMany().HasForeignKey(r => r.LevelId).OnDelete(DeleteBehavior.Restrict);
            // A cell sits at a level of its own role's ladder.
            requirement.HasOne(r => r.RoleLevel).WithMany(rl => rl.Requirements).HasForeignKey(r => new { r.RoleId, r.LevelId }).OnDelete(DeleteBehavior.Cascade);
            // Stored as its number, so that SQL orders and compares proficiencies as the ladder does.
            requirement.Property(r => r.Proficiency);
            // One cell per role, skill and level.
            requirement.HasIndex(r => new { r.RoleId, r.SkillId, r.LevelId }).IsUnique();
            requirement.HasIndex(r => r.SkillId);
            requirement.HasIndex(r => r.LevelId);
            // A ladder's cells, read by (role, level) for every matrix: covering what a matrix and the figures read of
            // a cell, so the database answers from the index alone instead of looking up each cell's row (a third of
            // SQLite's time for the cells of a matrix). It takes the place of the (RoleId, LevelId) foreign key's index.
            requirement.HasIndex(r => new { r.RoleId, r.LevelId, r.SkillId, r.Proficiency, r.Mandatory });
        });

        modelBuilder.Entity<CatalogChange>(change =>
        {
            change.ToTable("changes");
            change.Property(c => c.Summary).HasMaxLength(1000);
            change.Property(c => c.ProposalId).HasMaxLength(100);
            change.HasOne(c => c.Role).WithMany(r => r.Changes).HasForeignKey(c => c.RoleId).OnDelete(DeleteBehavior.Cascade);
            change.HasIndex(c => new { c.RoleId, c.Version }).IsUnique();
            // Applying the same accepted proposal twice must change the catalog once.
            change.HasIndex(c => c.ProposalId).IsUnique();
        });
    }

    private static void Named<T>(EntityTypeBuilder<T> entity) where T : class
    {
        entity.Property<string>("Slug").HasMaxLength(TextLimits.Name);
        entity.Property<string>("Name").HasMaxLength(TextLimits.Name);
        entity.HasIndex("Slug").IsUnique();
    }
}
