using Microsoft.EntityFrameworkCore;
using SkillMatrix.Catalog.Contracts;
using SkillMatrix.Catalog.Data;
using SkillMatrix.Catalog.Seeding;

namespace SkillMatrix.Catalog.Tests;

/// <summary>The importer against a migrated SQLite database, checked through a fresh context each time.</summary>
public sealed class SeedImporterTests
{
    private const string RestApiDesignRow = "REST API Design W A E E E";

    [Fact]
    public async Task The_first_import_creates_the_role_at_version_one()
    {
        await using var database = await CatalogDatabase.CreateAsync();

        var result = await database.ImportAsync(SeedText.Original);

        Assert.Equal("backend-developer-python", result.RoleSlug);
        Assert.True(result.Created);
        Assert.True(result.Changed);
        Assert.Equal(1, result.Version);
        Assert.Equal(74, result.SkillCount);
        Assert.Equal(357, result.RequirementCount);
        Assert.Equal(291, result.MandatoryCount);
        Assert.Null(result.ChangeSummary);

        await using var db = database.CreateContext();
        var role = await db.Roles.Include(r => r.Family).SingleAsync();
        Assert.Equal("Backend Developer (Python)", role.Name);
        Assert.Equal("backend-developer-python", role.Slug);
        Assert.Equal("Developing and maintaining server-side logic, APIs, and microservices in Python", role.Summary);
        Assert.Equal("Backend Engineering", role.Family.Name);
        Assert.Equal("backend-engineering", role.Family.Slug);
        Assert.Equal(1, role.Version);
        Assert.False(await db.Changes.AnyAsync());
    }

    [Fact]
    public async Task The_importer_stores_the_five_levels()
    {
        await using var database = await CatalogDatabase.WithRoleAsync();
        await using var db = database.CreateContext();

        var levels = await db.Levels.OrderBy(l => l.Rank).Select(l => $"{l.Key} {l.Name} {l.Rank}").ToListAsync();

        Assert.Equal(["JUNIOR Junior 1", "MIDDLE Middle 2", "SENIOR Senior 3", "LEAD_STAFF Lead / Staff 4", "PRINCIPAL Principal 5"], levels);
    }

    [Fact]
    public async Task The_importer_stores_domains_in_page_order_with_their_skills()
    {
        await using var database = await CatalogDatabase.WithRoleAsync();
        await using var db = database.CreateContext();

        var domains = await db.Domains.OrderBy(d => d.Position).Select(d => new { d.Position, d.Name, Skills = d.Skills.Count }).ToListAsync();

        Assert.Equal(
            [
                "0 AI-Assisted Development 4", "1 API & Integration 8", "2 Architecture & System Design 7", "3 Backend Development 8",
                "4 Cloud & Infrastructure 6", "5 Database Management 8", "6 DevOps & CI/CD 2", "7 Frontend Development 1",
                "8 Observability & Monitoring 6", "9 Performance Engineering 4", "10 Programming Fundamentals 9", "11 Security 4",
                "12 Testing & QA 4", "13 Version Control & Collaboration 3",
            ],
            domains.Select(d => $"{d.Position} {d.Name} {d.Skills}"));
        Assert.Equal(74, await db.Skills.CountAsync());
    }

    [Fact]
    public async Task The_importer_stores_skills_in_page_order_within_their_domain_and_the_repeated_one_once()
    {
        await using var database = await CatalogDatabase.WithRoleAsync();
        await using var db = database.CreateContext();

        var skills = await db.Skills.Where(s => s.Domain.Slug == "api-integration").OrderBy(s => s.Position).Select(s => $"{s.Position} {s.Name} {s.Slug}").ToListAsync();

        Assert.Equal(
            [
                "0 REST API Design rest-api-design", "1 GraphQL Design graphql-design", "2 WebSocket API Design websocket-api-design",
                "3 gRPC & Protocol Buffers grpc-protocol-buffers", "4 API Versioning Strategies api-versioning-strategies",
                "5 API Documentation api-documentation", "6 API Testing api-testing", "7 Rate Limiting & Throttling rate-limiting-throttling",
            ],
            skills);
        Assert.Equal(5, await db.Requirements.CountAsync(r => r.Skill.Slug == "grpc-protocol-buffers"));
        Assert.Equal("ai-assisted-development", await db.Domains.Where(d => d.Position == 0).Select(d => d.Slug).SingleAsync());
    }

    [Fact]
    public async Task The_importer_warns_about_the_repeated_row()
    {
        await using var database = await CatalogDatabase.CreateAsync();

        var result = await database.ImportAsync(SeedText.Original);

        var returned = Assert.Single(result.Warnings);
        Assert.Contains("'gRPC & Protocol Buffers'", returned, StringComparison.Ordinal);
        var logged = Assert.Single(database.Logger.Warnings);
        Assert.Contains(returned, logged, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("REST API Design", "JUNIOR=Working MIDDLE=Advanced SENIOR=Expert LEAD_STAFF=Expert PRINCIPAL=Expert")]
    [InlineData("Cursor IDE", "JUNIOR=Awareness MIDDLE=Working SENIOR=Advanced LEAD_STAFF=Advanced")]
    [InlineData("Docker", "JUNIOR=Working MIDDLE=Advanced SENIOR=Advanced LEAD_STAFF=Expert PRINCIPAL=Expert")]
    [InlineData("Microservices Decomposition", "JUNIOR=Awareness MIDDLE=Working SENIOR=Advanced")]
    [InlineData("Prompt Engineering for Code", "JUNIOR=Awareness MIDDLE=Working SENIOR=Advanced LEAD_STAFF=Expert")]
    public async Task The_importer_stores_the_cells_of_a_row(string skill, string cells)
    {
        await using var database = await CatalogDatabase.WithRoleAsync();
        await using var db = database.CreateContext();

        Assert.Equal(cells, await CellsAsync(db, skill));
    }

    [Fact]
    public async Task The_importer_stores_requirements_with_mandatory_from_WORKING_up()
    {
        await using var database = await CatalogDatabase.WithRoleAsync();
        await using var db = database.CreateContext();

        Assert.Equal(357, await db.Requirements.CountAsync());
        Assert.Equal(291, await db.Requirements.CountAsync(r => r.Mandatory));
        Assert.False(await db.Requirements.AnyAsync(r => r.Mandatory == (r.Proficiency == Proficiency.Awareness)));
        Assert.False(await db.Requirements.AnyAsync(r => r.Skill.Name == "Cursor IDE" && r.Level.Key == "PRINCIPAL"));
    }

    [Fact]
    public async Task The_importer_stores_focus_and_technology_stack_per_level()
    {
        await using var database = await CatalogDatabase.WithRoleAsync();
        await using var db = database.CreateContext();

        var roleLevels = await db.RoleLevels.Include(rl => rl.Level).OrderBy(rl => rl.Level.Rank).ToListAsync();

        Assert.Equal(5, roleLevels.Count);
        Assert.Equal(["Python 3.11+", "FastAPI/Flask/Django", "PostgreSQL", "Git", "Docker basics", "pytest", "REST API basics"], roleLevels[0].TechStack);
        Assert.Equal(10, roleLevels[1].TechStack.Count);
        Assert.Contains("CI/CD (GitHub Actions/GitLab CI)", roleLevels[1].TechStack);
        Assert.Equal(
            "Independent microservice development. Designing REST/GraphQL APIs. SQL query optimization. Code review. Junior mentoring. External service integration. Writing integration tests.",
            roleLevels[1].Focus);
        Assert.Equal(["Distributed systems at scale", "Multi-region architecture", "Platform engineering", "Technology radar", "Cost optimization", "Vendor evaluation"], roleLevels[4].TechStack);
    }

    [Fact]
    public async Task Importing_the_same_file_again_changes_nothing()
    {
        await using var database = await CatalogDatabase.WithRoleAsync();
        var before = await database.DumpAsync();

        var result = await database.ImportAsync(SeedText.Original);

        Assert.False(result.Created);
        Assert.False(result.Changed);
        Assert.Equal(1, result.Version);
        Assert.Null(result.ChangeSummary);
        Assert.Equal(before, await database.DumpAsync());
    }

    [Fact]
    public async Task Reimporting_an_edited_file_updates_the_role_in_place()
    {
        await using var database = await CatalogDatabase.WithRoleAsync();
        int roleId;
        await using (var db = database.CreateContext())
        {
            roleId = await db.Roles.Select(r => r.Id).SingleAsync();
        }

        var edited = SeedText.WithLine(63, RestApiDesignRow, "REST API Design W W E E E");
        var start = DateTime.UtcNow;
        var result = await database.ImportAsync(edited);
        var end = DateTime.UtcNow;

        Assert.False(result.Created);
        Assert.True(result.Changed);
        Assert.Equal(2, result.Version);
        Assert.Equal("Imported from backend-developer-python.txt: 1 requirement changed", result.ChangeSummary);

        await using (var db = database.CreateContext())
        {
            var role = await db.Roles.SingleAsync();
            Assert.Equal(roleId, role.Id);
            Assert.Equal(2, role.Version);
            var change = await db.Changes.SingleAsync();
            Assert.Equal(roleId, change.RoleId);
            Assert.Equal(2, change.Version);
            Assert.Equal("Imported from backend-developer-python.txt: 1 requirement changed", change.Summary);
            Assert.Null(change.ProposalId);
            Assert.InRange(change.At, start, end);
            Assert.Equal("JUNIOR=Working MIDDLE=Working SENIOR=Expert LEAD_STAFF=Expert PRINCIPAL=Expert", await CellsAsync(db, "REST API Design"));
            Assert.Equal(357, await db.Requirements.CountAsync());
            Assert.Equal(74, await db.Skills.CountAsync());
        }

        // The edited file is now what the catalog holds: importing it again is a no-op too.
        var before = await database.DumpAsync();
        var again = await database.ImportAsync(edited);
        Assert.False(again.Changed);
        Assert.Equal(2, again.Version);
        Assert.Equal(before, await database.DumpAsync());
    }

    [Fact]
    public async Task Reimporting_without_a_row_removes_its_requirements()
    {
        await using var database = await CatalogDatabase.WithRoleAsync();
        var edited = SeedText.WithLine(SeedText.WithLine(124, "2 skills", "1 skills"), 127, "Feature Flags A W A", "");

        var result = await database.ImportAsync(edited);

        Assert.Equal("Imported from backend-developer-python.txt: 3 requirements removed", result.ChangeSummary);
        Assert.Equal(2, result.Version);
        await using var db = database.CreateContext();
        Assert.Equal(354, await db.Requirements.CountAsync());
        Assert.False(await db.Requirements.AnyAsync(r => r.Skill.Name == "Feature Flags"));
        // Skills are global; another role may still use it.
        Assert.True(await db.Skills.AnyAsync(s => s.Name == "Feature Flags"));
    }

    [Fact]
    public async Task Reimporting_with_a_new_row_appends_the_skill_to_its_domain()
    {
        await using var database = await CatalogDatabase.WithRoleAsync();
        var edited = SeedText.WithLine(SeedText.WithLine(100, "6 skills", "7 skills"), 107, "Network Fundamentals A W A", "Network Fundamentals A W A\nPulumi A W");

        var result = await database.ImportAsync(edited);

        Assert.Equal("Imported from backend-developer-python.txt: 2 requirements added", result.ChangeSummary);
        Assert.Equal(75, result.SkillCount);
        await using var db = database.CreateContext();
        var pulumi = await db.Skills.Include(s => s.Domain).SingleAsync(s => s.Name == "Pulumi");
        Assert.Equal("Cloud & Infrastructure", pulumi.Domain.Name);
        Assert.Equal(6, pulumi.Position);
        Assert.Equal("JUNIOR=Awareness MIDDLE=Working", await CellsAsync(db, "Pulumi"));
        Assert.Equal(359, await db.Requirements.CountAsync());
    }

    [Fact]
    public async Task Reimporting_with_a_new_summary_and_stack_updates_them()
    {
        await using var database = await CatalogDatabase.WithRoleAsync();
        var edited = SeedText.WithLine(
            SeedText.WithLine(3, "Developing and maintaining server-side logic, APIs, and microservices in Python", "Server-side Python"),
            16,
            "Junior Python 3.11+, FastAPI/Flask/Django, PostgreSQL, Git, Docker basics, pytest, REST API basics",
            "Junior Python 3.13+, FastAPI");

        var result = await database.ImportAsync(edited);

        Assert.Equal("Imported from backend-developer-python.txt: summary changed, focus or technology stack changed for 1 level", result.ChangeSummary);
        await using var db = database.CreateContext();
        Assert.Equal("Server-side Python", await db.Roles.Select(r => r.Summary).SingleAsync());
        Assert.Equal(["Python 3.13+", "FastAPI"], await db.RoleLevels.Where(rl => rl.Level.Key == "JUNIOR").Select(rl => rl.TechStack).SingleAsync());
        Assert.Equal(2, await db.Roles.Select(r => r.Version).SingleAsync());
        Assert.Equal(1, await db.Changes.CountAsync());
    }

    [Fact]
    public async Task Reimporting_with_another_family_moves_the_role()
    {
        await using var database = await CatalogDatabase.WithRoleAsync();
        var edited = SeedText.WithLine(5, "Backend Engineering Junior Middle Senior Lead / Staff Principal", "Platform Engineering Junior Middle Senior Lead / Staff Principal");

        var result = await database.ImportAsync(edited);

        Assert.Equal("Imported from backend-developer-python.txt: family changed to 'Platform Engineering'", result.ChangeSummary);
        await using var db = database.CreateContext();
        Assert.Equal("platform-engineering", await db.Roles.Select(r => r.Family.Slug).SingleAsync());
        Assert.Equal(["backend-engineering", "platform-engineering"], await db.Families.OrderBy(f => f.Slug).Select(f => f.Slug).ToListAsync());
    }

    [Fact]
    public async Task Existing_domains_and_skills_keep_their_positions_and_new_ones_are_appended()
    {
        await using var database = await CatalogDatabase.CreateAsync();
        await using (var db = database.CreateContext())
        {
            var security = new Domain { Slug = "security", Name = "Security", Position = 0 };
            db.Domains.Add(security);
            db.Skills.Add(new Skill { Slug = "secrets-management", Name = "Secrets Management", Domain = security, Position = 0 });
            await db.SaveChangesAsync();
        }

        await database.ImportAsync(SeedText.Original);

        await using (var db = database.CreateContext())
        {
            var domains = await db.Domains.OrderBy(d => d.Position).Select(d => $"{d.Position} {d.Name}").ToListAsync();
            Assert.Equal(
                [
                    "0 Security", "1 AI-Assisted Development", "2 API & Integration", "3 Architecture & System Design", "4 Backend Development",
                    "5 Cloud & Infrastructure", "6 Database Management", "7 DevOps & CI/CD", "8 Frontend Development",
                    "9 Observability & Monitoring", "10 Performance Engineering", "11 Programming Fundamentals", "12 Testing & QA",
                    "13 Version Control & Collaboration",
                ],
                domains);
            var skills = await db.Skills.Where(s => s.Domain.Slug == "security").OrderBy(s => s.Position).Select(s => $"{s.Position} {s.Name}").ToListAsync();
            Assert.Equal(["0 Secrets Management", "1 OWASP & Application Security", "2 Secure Coding Practices", "3 JWT / OAuth2 / OIDC"], skills);
        }
    }

    [Fact]
    public async Task The_importer_imports_a_file_and_reports_whether_the_catalog_is_empty()
    {
        await using var database = await CatalogDatabase.CreateAsync();
        await using var db = database.CreateContext();
        var importer = new SeedImporter(db, database.Logger);
        Assert.True(await importer.CatalogIsEmptyAsync());

        var result = await importer.ImportFileAsync(SeedText.FilePath);

        Assert.Equal("backend-developer-python", result.RoleSlug);
        Assert.Equal(357, result.RequirementCount);
        Assert.False(await importer.CatalogIsEmptyAsync());
    }

    [Fact]
    public async Task A_failure_in_the_database_leaves_it_as_it_was()
    {
        await using var database = await CatalogDatabase.CreateAsync();
        await using (var db = database.CreateContext())
        {
            // Takes Junior's rank, so that inserting Junior violates the unique index after other rows were written.
            db.Levels.Add(new Level { Key = "INTERN", Name = "Intern", Rank = 1 });
            await db.SaveChangesAsync();
        }

        var before = await database.DumpAsync();
        await using (var db = database.CreateContext())
        {
            var importer = new SeedImporter(db, database.Logger);
            await Assert.ThrowsAsync<DbUpdateException>(() => importer.ImportAsync(SeedText.FileName, SeedText.Original));
            // Nothing of the failed import may linger for a later SaveChanges on the same context.
            Assert.Empty(db.ChangeTracker.Entries());
        }

        Assert.Equal(before, await database.DumpAsync());
    }

    private static async Task<string> CellsAsync(CatalogDbContext db, string skill)
    {
        var cells = await db.Requirements
            .Where(r => r.Skill.Name == skill)
            .OrderBy(r => r.Level.Rank)
            .Select(r => new { r.Level.Key, r.Proficiency })
            .ToListAsync();
        return string.Join(' ', cells.Select(c => $"{c.Key}={c.Proficiency}"));
    }
}
