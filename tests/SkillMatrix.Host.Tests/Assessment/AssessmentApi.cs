using System.Text.Json;
using System.Text.Json.Nodes;

namespace SkillMatrix.Host.Tests.Assessment;

/// <summary>
/// A signed-in Host for one test class, so that counts of saved assessments are the class's alone. Beside the seeded
/// role it imports <see cref="OtherRole"/>, a copy of the seed whose Cursor IDE row is <see cref="OtherSkill"/>: a skill
/// the catalog knows that the seeded role lacks.
/// </summary>
public sealed class AssessmentHost() : HostFixture(builder => builder.WithSignIn().WithViewerFields().Seeded(ImportOtherRoleAsync))
{
    public const string OtherRole = "assessment-other-role";
    public const string OtherSkill = "zed-editor";

    private static async Task ImportOtherRoleAsync(TestHost host)
    {
        var seed = await File.ReadAllLinesAsync(Path.Combine(AppContext.BaseDirectory, "seeds", "backend-developer-python.txt"));
        Assert.Contains("Cursor IDE A W A A", seed);
        var slug = await host.ImportSeedCopyAsync("Assessment Other Role", line => line == "Cursor IDE A W A A" ? "Zed Editor A W A A" : line);
        Assert.Equal(OtherRole, slug);
    }
}

/// <summary>The Assessment API over HTTP, as a client uses it.</summary>
internal sealed class AssessmentApi(TestHost host)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>A token for a fresh subject (or <paramref name="subject"/>), from the issuer the token verb uses.</summary>
    public Person SignIn(string name, bool expert = false, string? subject = null) => host.SignIn(name, expert, subject);

    /// <summary>POSTs a request (anonymous when <paramref name="rater"/> is null), asking for application/graphql-response+json.</summary>
    public async Task<GraphQLReply> SendAsync(string query, Person? rater = null)
    {
        using var client = host.Anonymous();
        return await client.QueryAsync(query, rater?.Token);
    }

    /// <summary>The data of a request that must succeed without errors.</summary>
    public async Task<JsonNode> DataAsync(string query, Person? rater = null)
    {
        var reply = await SendAsync(query, rater);
        return reply.AssertNoErrors().Data!;
    }

    public const string EstimateFields =
        "role { slug } level { key } nextLevel { key } levels { level { key } reached coverage mandatoryCoverage } "
        + "gaps { skill { slug } required current mandatory steps }";

    public const string AssessmentFields = $"id createdAt catalogVersion role {{ slug }} ratings {{ skill {{ slug }} proficiency }} estimate {{ {EstimateFields} }}";

    /// <summary>saveAssessment's payload; the request must succeed (payload errors are the payload's).</summary>
    public async Task<JsonNode> SaveAsync(Person rater, string ratingsLiteral, string role = SeedGrades.Role)
    {
        var data = await DataAsync(
            $$"""mutation { saveAssessment(input: { roleSlug: "{{role}}", ratings: {{ratingsLiteral}} }) { assessment { {{AssessmentFields}} } errors { __typename ... on Error { message } ... on ValidationError { field } } } }""",
            rater);
        return data["saveAssessment"]!;
    }

    /// <summary>Saves and returns the new assessment's id; the save must succeed.</summary>
    public async Task<string> SavedIdAsync(Person rater, string ratingsLiteral)
    {
        var payload = await SaveAsync(rater, ratingsLiteral);
        Assert.True(payload["errors"] is null, payload.ToJsonString(Indented));
        return (string)payload["assessment"]!["id"]!;
    }

    public async Task<JsonNode> DeleteAsync(Person rater, string id)
    {
        var data = await DataAsync(
            $$"""mutation { deleteAssessment(input: { assessmentId: "{{id}}" }) { assessmentId errors { __typename ... on Error { message } } } }""", rater);
        return data["deleteAssessment"]!;
    }

    /// <summary>The ids of the viewer's saved assessments, newest first, as the default order gives them.</summary>
    public async Task<List<string>> MyIdsAsync(Person rater)
    {
        var data = await DataAsync("{ myAssessments(first: 100) { totalCount nodes { id } } }", rater);
        var connection = data["myAssessments"]!;
        var ids = connection["nodes"]!.AsArray().Select(n => (string)n!["id"]!).ToList();
        Assert.Equal(ids.Count, (int)connection["totalCount"]!);
        return ids;
    }

    public static string Pretty(JsonNode? node) => node?.ToJsonString(Indented) ?? "null";
}
