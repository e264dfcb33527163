using SkillMatrix.Catalog.Contracts;
using SkillMatrix.Catalog.Seeding;

namespace SkillMatrix.Catalog.Tests;

public sealed class SlugTests
{
    [Theory]
    [InlineData("Backend Developer (Python)", "backend-developer-python")]
    [InlineData("Backend Engineering", "backend-engineering")]
    [InlineData("REST API Design", "rest-api-design")]
    [InlineData("AI-Assisted Development", "ai-assisted-development")]
    [InlineData("gRPC & Protocol Buffers", "grpc-protocol-buffers")]
    [InlineData("SLI / SLO / SLA", "sli-slo-sla")]
    [InlineData("DevOps & CI/CD", "devops-ci-cd")]
    [InlineData("  --C++__and   C#!! ", "c-and-c")]
    public void A_slug_is_lower_case_with_runs_of_other_characters_as_one_dash(string name, string slug) =>
        Assert.Equal(slug, Slug.From(name));

    [Theory]
    [InlineData("Junior", "JUNIOR")]
    [InlineData("Middle", "MIDDLE")]
    [InlineData("Senior", "SENIOR")]
    [InlineData("Lead / Staff", "LEAD_STAFF")]
    [InlineData("Principal", "PRINCIPAL")]
    public void A_level_key_is_upper_case_with_runs_of_other_characters_as_one_underscore(string name, string key) =>
        Assert.Equal(key, Slug.ToKey(name));
}
