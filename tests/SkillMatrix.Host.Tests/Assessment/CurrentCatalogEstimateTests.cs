using System.Text.Json.Nodes;

namespace SkillMatrix.Host.Tests.Assessment;

/// <summary>
/// A saved assessment keeps the role's version it was rated against, and its estimate follows the catalog as it is
/// now. A Host of its own, because an accepted proposal changes the seeded matrix.
/// </summary>
public abstract class CurrentCatalogEstimateTests(HostFixture fixture)
{
    public sealed class OnSqlite(AssessmentHost host) : CurrentCatalogEstimateTests(host), IClassFixture<AssessmentHost>;

    public sealed class OnPostgreSql(PostgreSqlHost<AssessmentHost> host) : CurrentCatalogEstimateTests(host), IClassFixture<PostgreSqlHost<AssessmentHost>>;

    private readonly AssessmentApi api = new(fixture.Host);

    [Fact]
    public async Task The_estimate_of_a_saved_assessment_follows_the_current_catalog_while_its_version_stays()
    {
        var rater = api.SignIn("Person");
        var saved = (await api.SaveAsync(rater, SeedGrades.Literal(SeedGrades.ExactlyAt("JUNIOR"))))["assessment"]!;
        var id = (string)saved["id"]!;
        var version = (int)saved["catalogVersion"]!;
        Assert.Equal("JUNIOR", (string?)saved["estimate"]!["level"]?["key"]);

        // Redis at Junior goes from AWARENESS to ADVANCED (mandatory by default): the Junior rater no longer meets it.
        var author = api.SignIn("Author");
        var expert = api.SignIn("Expert", expert: true);
        var proposal = await MutateAsync("suggestChange",
            $$"""{ roleSlug: "{{SeedGrades.Role}}", skill: "redis", level: "JUNIOR", proficiency: ADVANCED, title: "Redis early", rationale: "Caching is day one." }""",
            author);
        await MutateAsync("reviewProposal", $$"""{ proposalId: "{{(string)proposal["proposal"]!["id"]!}}", decision: ACCEPT }""", expert);

        var roleVersion = (int)(await api.DataAsync($$"""{ role(slug: "{{SeedGrades.Role}}") { version } }"""))["role"]!["version"]!;
        Assert.Equal(version + 1, roleVersion);
        var read = (await api.DataAsync($$"""{ node(id: "{{id}}") { ... on Assessment { {{AssessmentApi.AssessmentFields}} } } }""", rater))["node"]!;
        Assert.Equal(version, (int)read["catalogVersion"]!);
        Assert.Null(read["estimate"]!["level"]);
        Assert.Equal("JUNIOR", (string?)read["estimate"]!["nextLevel"]?["key"]);
        var gap = Assert.Single(read["estimate"]!["gaps"]!.AsArray());
        Assert.Equal(("redis", "ADVANCED", "AWARENESS", true, 2),
            ((string)gap!["skill"]!["slug"]!, (string)gap["required"]!, (string?)gap["current"], (bool)gap["mandatory"]!, (int)gap["steps"]!));
        // The listing grades the same way.
        var listed = (await api.DataAsync("{ myAssessments { nodes { estimate { level { key } } } } }", rater))["myAssessments"]!["nodes"]![0]!;
        Assert.Null(listed["estimate"]!["level"]);
    }

    private async Task<JsonNode> MutateAsync(string field, string inputLiteral, Person rater)
    {
        var data = await api.DataAsync($$"""mutation { {{field}}(input: {{inputLiteral}}) { proposal { id status } errors { __typename ... on Error { message } } } }""", rater);
        var payload = data[field]!;
        Assert.True(payload["errors"] is null, AssessmentApi.Pretty(payload));
        return payload;
    }
}
