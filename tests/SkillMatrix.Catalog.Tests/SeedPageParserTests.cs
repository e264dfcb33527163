using SkillMatrix.Catalog.Contracts;
using SkillMatrix.Catalog.Seeding;

namespace SkillMatrix.Catalog.Tests;

/// <summary>
/// The parser on the real page. Expected values are read off the page by hand (line numbers in comments
/// refer to seeds/backend-developer-python.txt), never computed with the parser.
/// </summary>
public sealed class SeedPageParserTests
{
    private static readonly SeedPage Page = SeedPageParser.Parse(SeedText.FileName, SeedText.Original);

    [Fact]
    public void The_parser_reads_the_role_name_summary_and_family()
    {
        Assert.Equal(SeedText.FileName, Page.FileName);
        Assert.Equal("Backend Developer (Python)", Page.RoleName);
        Assert.Equal("backend-developer-python", Page.RoleSlug);
        Assert.Equal("Developing and maintaining server-side logic, APIs, and microservices in Python", Page.Summary);
        Assert.Equal("Backend Engineering", Page.FamilyName);
        Assert.Equal("backend-engineering", Page.FamilySlug);
    }

    [Fact]
    public void The_parser_reads_the_five_levels_with_keys_and_ranks()
    {
        Assert.Equal(
            ["Junior JUNIOR 1", "Middle MIDDLE 2", "Senior SENIOR 3", "Lead / Staff LEAD_STAFF 4", "Principal PRINCIPAL 5"],
            Page.Levels.Select(l => $"{l.Name} {l.Key} {l.Rank}"));
    }

    [Fact]
    public void The_parser_splits_the_technology_stack_on_commas()
    {
        Assert.Equal(
            ["Python 3.11+", "FastAPI/Flask/Django", "PostgreSQL", "Git", "Docker basics", "pytest", "REST API basics"],
            Level("JUNIOR").TechStack);
        Assert.Equal(
            ["Python 3.12+", "FastAPI/Django", "PostgreSQL/Redis", "Docker Compose", "REST/GraphQL", "Celery/Dramatiq", "pytest + coverage", "CI/CD (GitHub Actions/GitLab CI)", "SQLAlchemy", "Alembic"],
            Level("MIDDLE").TechStack);
        Assert.Equal(10, Level("SENIOR").TechStack.Count);
        Assert.Equal("load testing (Locust)", Level("SENIOR").TechStack[^1]);
        Assert.Equal(9, Level("LEAD_STAFF").TechStack.Count);
        Assert.Equal(
            ["Distributed systems at scale", "Multi-region architecture", "Platform engineering", "Technology radar", "Cost optimization", "Vendor evaluation"],
            Level("PRINCIPAL").TechStack);
    }

    [Fact]
    public void The_parser_does_not_split_the_technology_stack_inside_parentheses()
    {
        var text = SeedText.WithLine(
            19,
            "Lead / Staff Microservices architecture, Event-driven (Kafka/NATS), Kubernetes, Service mesh, Terraform, AWS/GCP/Yandex Cloud, System design, API Gateway, Feature flags",
            "Lead / Staff Event-driven (Kafka, NATS (JetStream, KV)), Kubernetes");

        var page = SeedPageParser.Parse(SeedText.FileName, text);

        Assert.Equal(["Event-driven (Kafka, NATS (JetStream, KV))", "Kubernetes"], page.Levels.Single(l => l.Key == "LEAD_STAFF").TechStack);
    }

    [Fact]
    public void The_parser_reads_the_focus_paragraph_of_each_level()
    {
        Assert.Equal(
            "Building simple API endpoints from specifications. Writing unit tests. Fixing bugs. Working with ORM (SQLAlchemy/Django ORM). Participating in code review as a reviewee.",
            Level("JUNIOR").Focus);
        Assert.Equal(
            "Designing domain system architecture. Team technical roadmap. Establishing development standards. Cross-team coordination. Hiring. Build vs buy decisions.",
            Level("LEAD_STAFF").Focus);
        Assert.Equal(
            "Company-level backend technology strategy. Cross-team architecture. Organization-level technology choices. Public speaking. Open-source contributions.",
            Level("PRINCIPAL").Focus);
    }

    [Fact]
    public void The_parser_reads_the_domains_in_page_order_with_their_skill_counts()
    {
        Assert.Equal(
            [
                "AI-Assisted Development 4", "API & Integration 8", "Architecture & System Design 7", "Backend Development 8",
                "Cloud & Infrastructure 6", "Database Management 8", "DevOps & CI/CD 2", "Frontend Development 1",
                "Observability & Monitoring 6", "Performance Engineering 4", "Programming Fundamentals 9", "Security 4",
                "Testing & QA 4", "Version Control & Collaboration 3",
            ],
            Page.Domains.Select(d => $"{d.Name} {d.Skills.Count}"));
        Assert.Equal("ai-assisted-development", Page.Domains[0].Slug);
        Assert.Equal(74, Page.SkillCount);
    }

    [Fact]
    public void The_parser_imports_the_repeated_row_once_and_warns()
    {
        Assert.Equal(
            [
                "REST API Design", "GraphQL Design", "WebSocket API Design", "gRPC & Protocol Buffers",
                "API Versioning Strategies", "API Documentation", "API Testing", "Rate Limiting & Throttling",
            ],
            Page.Domains.Single(d => d.Name == "API & Integration").Skills.Select(s => s.Name));

        var warning = Assert.Single(Page.Warnings);
        Assert.Contains("backend-developer-python.txt:67:", warning, StringComparison.Ordinal);
        Assert.Contains("'gRPC & Protocol Buffers'", warning, StringComparison.Ordinal);
        Assert.Contains("line 66", warning, StringComparison.Ordinal);
    }

    [Theory]
    // Line 63: W A E E E; the A after W is Advanced.
    [InlineData("REST API Design", "JUNIOR=Working MIDDLE=Advanced SENIOR=Expert LEAD_STAFF=Expert PRINCIPAL=Expert")]
    // Line 55: four letters, so no Principal cell; the A before any W is Awareness, those after it Advanced.
    [InlineData("Cursor IDE", "JUNIOR=Awareness MIDDLE=Working SENIOR=Advanced LEAD_STAFF=Advanced")]
    // Line 102: W A A E E.
    [InlineData("Docker", "JUNIOR=Working MIDDLE=Advanced SENIOR=Advanced LEAD_STAFF=Expert PRINCIPAL=Expert")]
    // Line 54: W W A E E.
    [InlineData("GitHub Copilot", "JUNIOR=Working MIDDLE=Working SENIOR=Advanced LEAD_STAFF=Expert PRINCIPAL=Expert")]
    // Line 77: A W A E E, the commonest row.
    [InlineData("System Design Fundamentals", "JUNIOR=Awareness MIDDLE=Working SENIOR=Advanced LEAD_STAFF=Expert PRINCIPAL=Expert")]
    // Short rows fill from Junior upward: lines 57, 79, 81... (3 and 4 letters).
    [InlineData("Prompt Engineering for Code", "JUNIOR=Awareness MIDDLE=Working SENIOR=Advanced LEAD_STAFF=Expert")]
    [InlineData("Microservices Decomposition", "JUNIOR=Awareness MIDDLE=Working SENIOR=Advanced")]
    [InlineData("DDD Tactical Patterns", "JUNIOR=Awareness MIDDLE=Working SENIOR=Advanced")]
    [InlineData("Terraform", "JUNIOR=Awareness MIDDLE=Working SENIOR=Advanced LEAD_STAFF=Expert")]
    [InlineData("Network Fundamentals", "JUNIOR=Awareness MIDDLE=Working SENIOR=Advanced")]
    [InlineData("Feature Flags", "JUNIOR=Awareness MIDDLE=Working SENIOR=Advanced")]
    [InlineData("SLI / SLO / SLA", "JUNIOR=Awareness MIDDLE=Working SENIOR=Advanced")]
    public void ReadsTheCellsOfARow(string skill, string cells)
    {
        var row = Page.Domains.SelectMany(d => d.Skills).Single(s => s.Name == skill);
        Assert.Equal(cells, string.Join(' ', row.Cells.Select(c => $"{c.LevelKey}={c.Proficiency}")));
    }

    [Fact]
    public void The_parser_counts_requirements_and_mandatory_ones_after_removing_the_repeated_row()
    {
        // The page claims 362 requirements and 210 mandatory; 362 counts the repeated row's 5 cells, and
        // 291 is every cell at Working or above.
        Assert.Equal(357, Page.RequirementCount);
        Assert.Equal(291, Page.MandatoryCount);
        Assert.All(Page.Domains.SelectMany(d => d.Skills).SelectMany(s => s.Cells), c => Assert.Equal(c.Proficiency != Proficiency.Awareness, c.Mandatory));
    }

    [Fact]
    public void The_parser_reads_Windows_line_endings_alike()
    {
        var page = SeedPageParser.Parse(SeedText.FileName, "\uFEFF" + SeedText.Original.Replace("\n", "\r\n", StringComparison.Ordinal));

        Assert.Equal("Backend Developer (Python)", page.RoleName);
        Assert.Equal("Developing and maintaining server-side logic, APIs, and microservices in Python", page.Summary);
        Assert.Equal("Alembic", page.Levels[1].TechStack[^1]);
        Assert.Equal(357, page.RequirementCount);
    }

    private static SeedLevel Level(string key) => Page.Levels.Single(l => l.Key == key);
}
