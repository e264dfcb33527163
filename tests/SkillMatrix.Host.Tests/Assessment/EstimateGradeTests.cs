using System.Text.Json.Nodes;

namespace SkillMatrix.Host.Tests.Assessment;

/// <summary>estimateGrade over the real Host and seed, checked against the rule applied by the test to the seed text.</summary>
public abstract class EstimateGradeTests(HostFixture fixture)
{
    public sealed class OnSqlite(AssessmentHost host) : EstimateGradeTests(host), IClassFixture<AssessmentHost>;

    public sealed class OnPostgreSql(PostgreSqlHost<AssessmentHost> host) : EstimateGradeTests(host), IClassFixture<PostgreSqlHost<AssessmentHost>>;

    private readonly AssessmentApi api = new(fixture.Host);

    private async Task<JsonNode> EstimateAsync(string ratingsLiteral, Person? rater = null)
    {
        var data = await api.DataAsync(
            $$"""{ estimateGrade(input: { roleSlug: "{{SeedGrades.Role}}", ratings: {{ratingsLiteral}} }) { {{AssessmentApi.EstimateFields}} } }""", rater);
        return data["estimateGrade"]!;
    }

    internal static void AssertEstimate(ExpectedEstimate expected, JsonNode? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(SeedGrades.Role, (string?)actual["role"]!["slug"]);
        Assert.Equal(expected.Level, (string?)actual["level"]?["key"]);
        Assert.Equal(expected.NextLevel, (string?)actual["nextLevel"]?["key"]);
        var levels = actual["levels"]!.AsArray();
        Assert.Equal(SeedCatalog.LadderKeys, levels.Select(l => (string)l!["level"]!["key"]!));
        Assert.Equal(expected.Reached, levels.Select(l => (bool)l!["reached"]!));
        var gaps = actual["gaps"]!.AsArray().Select(g => new ExpectedGap(
            (string)g!["skill"]!["slug"]!, (string)g["required"]!, (string?)g["current"], (bool)g["mandatory"]!, (int)g["steps"]!)).ToList();
        Assert.Equal(expected.Gaps, gaps);
    }

    [Fact]
    public async Task Nothing_rated_reaches_no_level_and_lists_all_74_Junior_requirements_with_the_8_mandatory_first()
    {
        var estimate = await EstimateAsync("[]");

        var expected = SeedGrades.Estimate(new Dictionary<string, string?>());
        Assert.Null(expected.Level);
        Assert.Equal("JUNIOR", expected.NextLevel);
        Assert.Equal(74, expected.Gaps.Count);
        Assert.Equal(8, expected.Gaps.TakeWhile(g => g.Mandatory).Count());
        Assert.DoesNotContain(expected.Gaps.Skip(8), g => g.Mandatory);
        AssertEstimate(expected, estimate);
        Assert.All(estimate["levels"]!.AsArray(), l => Assert.Equal(0.0, (double)l!["coverage"]!));
    }

    [Fact]
    public async Task Every_skill_rated_null_is_the_same_as_nothing_rated()
    {
        var estimate = await EstimateAsync(SeedGrades.Literal(SeedGrades.Everything(null)));

        AssertEstimate(SeedGrades.Estimate(new Dictionary<string, string?>()), estimate);
    }

    [Fact]
    public async Task Rating_every_skill_at_exactly_its_Junior_requirement_reaches_Junior_with_Middle_next()
    {
        var ratings = SeedGrades.ExactlyAt("JUNIOR");
        var estimate = await EstimateAsync(SeedGrades.Literal(ratings));

        var expected = SeedGrades.Estimate(ratings);
        Assert.Equal(("JUNIOR", "MIDDLE"), (expected.Level, expected.NextLevel));
        AssertEstimate(expected, estimate);
        var junior = estimate["levels"]![0]!;
        Assert.Equal((1.0, 1.0), ((double)junior["coverage"]!, (double)junior["mandatoryCoverage"]!));
    }

    [Fact]
    public async Task Rating_everything_EXPERT_reaches_Principal_with_no_next_level_and_no_gaps()
    {
        var estimate = await EstimateAsync(SeedGrades.Literal(SeedGrades.Everything("EXPERT")));

        Assert.Equal("PRINCIPAL", (string?)estimate["level"]?["key"]);
        Assert.Null(estimate["nextLevel"]);
        Assert.Empty(estimate["gaps"]!.AsArray());
        AssertEstimate(SeedGrades.Estimate(SeedGrades.Everything("EXPERT")), estimate);
    }

    [Fact]
    public async Task One_mandatory_Junior_miss_blocks_every_level_whatever_else_is_EXPERT()
    {
        var ratings = SeedGrades.Everything("EXPERT");
        ratings["rest-api-design"] = "AWARENESS"; // WORKING and mandatory at Junior

        var estimate = await EstimateAsync(SeedGrades.Literal(ratings));

        Assert.Null(estimate["level"]);
        Assert.Equal("JUNIOR", (string?)estimate["nextLevel"]?["key"]);
        var gap = Assert.Single(estimate["gaps"]!.AsArray());
        Assert.Equal(new ExpectedGap("rest-api-design", "WORKING", "AWARENESS", true, 1),
            new ExpectedGap((string)gap!["skill"]!["slug"]!, (string)gap["required"]!, (string?)gap["current"], (bool)gap["mandatory"]!, (int)gap["steps"]!));
        AssertEstimate(SeedGrades.Estimate(ratings), estimate);
    }

    [Fact]
    public async Task The_answer_is_the_same_signed_in_and_stores_nothing()
    {
        var rater = api.SignIn("Estimator");
        var ratings = SeedGrades.Literal(SeedGrades.ExactlyAt("MIDDLE"));

        var anonymous = await EstimateAsync(ratings);
        var signedIn = await EstimateAsync(ratings, rater);

        Assert.Equal(anonymous.ToJsonString(), signedIn.ToJsonString());
        Assert.Empty(await api.MyIdsAsync(rater));
    }

    [Fact]
    public async Task An_unknown_role_is_refused_with_ROLE_NOT_FOUND()
    {
        var error = await RefusalAsync("no-such-role", SeedGrades.Literal(("rest-api-design", "WORKING")), "ROLE_NOT_FOUND");

        Assert.Contains("no-such-role", (string)error["message"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_skills_are_refused_naming_every_one()
    {
        var error = await RefusalAsync(SeedGrades.Role,
            SeedGrades.Literal(("rest-api-design", "WORKING"), ("no-such-skill", "WORKING"), ("another-typo", null), ("DOCKER", "WORKING")), "UNKNOWN_SKILL");

        // Slugs match exactly: DOCKER is not docker (nor, as the case-blind SQL IN might have it, a skill of another role).
        AssertNames(error, "no-such-skill", "another-typo", "DOCKER");
    }

    [Fact]
    public async Task Skills_of_another_role_are_refused_naming_them()
    {
        var error = await RefusalAsync(SeedGrades.Role,
            SeedGrades.Literal(("rest-api-design", "WORKING"), (AssessmentHost.OtherSkill, "EXPERT")), "SKILL_NOT_IN_ROLE");

        AssertNames(error, AssessmentHost.OtherSkill);
        // The same skill is graded for the role that has it.
        var other = await api.DataAsync(
            $$"""{ estimateGrade(input: { roleSlug: "{{AssessmentHost.OtherRole}}", ratings: {{SeedGrades.Literal((AssessmentHost.OtherSkill, "EXPERT"))}} }) { level { key } } }""");
        Assert.NotNull(other["estimateGrade"]);
    }

    [Fact]
    public async Task A_skill_rated_twice_is_refused_naming_every_such_skill()
    {
        var error = await RefusalAsync(SeedGrades.Role,
            SeedGrades.Literal(("rest-api-design", "WORKING"), ("docker", "WORKING"), ("rest-api-design", "EXPERT"), ("docker", null), ("redis", "WORKING")),
            "DUPLICATE_SKILL");

        AssertNames(error, "rest-api-design", "docker");
        Assert.DoesNotContain("redis", (string)error["message"]!, StringComparison.Ordinal);
    }

    /// <summary>The request fails with exactly one error of <paramref name="code"/>, and no estimate.</summary>
    private async Task<JsonNode> RefusalAsync(string role, string ratingsLiteral, string code)
    {
        var reply = await api.SendAsync($$"""{ estimateGrade(input: { roleSlug: "{{role}}", ratings: {{ratingsLiteral}} }) { level { key } } }""");

        Assert.Equal([code], reply.ErrorCodes);
        Assert.Null(reply.Body["data"]?["estimateGrade"]);
        var error = reply.Body["errors"]![0]!;
        Assert.False(string.IsNullOrWhiteSpace((string?)error["message"]), reply.ToString());
        return error;
    }

    private static void AssertNames(JsonNode error, params string[] slugs)
    {
        Assert.Equal(slugs, error["extensions"]?["skills"]?.AsArray().Select(s => (string)s!).ToArray());
        Assert.All(slugs, slug => Assert.Contains(slug, (string)error["message"]!, StringComparison.Ordinal));
    }
}
