using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Platform.Server.Security;
using Platform.Hosting.Security;
using SkillMatrix.Catalog.Contracts;
using SkillMatrix.Host.Tests.Security;

namespace SkillMatrix.Host.Tests.Assessment;

/// <summary>A signed-in caller: the token's subject and a bearer token for it.</summary>
internal sealed record Rater(string Id, string Token);

/// <summary>
/// The real Host, signed in as <see cref="SignedInHost"/> sets it up (own SQLite file, seeded), for one test class so
/// that counts of saved assessments are the class's alone. Beside the seeded role it imports <see cref="OtherRole"/>, a
/// copy of the seed whose Cursor IDE row is <see cref="OtherSkill"/>: a skill the catalog knows that the seeded role lacks.
/// </summary>
public sealed class AssessmentHost : IAsyncLifetime, IDisposable
{
    public const string OtherRole = "assessment-other-role";
    public const string OtherSkill = "zed-editor";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private readonly SignedInHost host = new();

    public async Task InitializeAsync()
    {
        host.Factory.CreateClient().Dispose(); // starts the Host: migrated and seeded
        var seed = await File.ReadAllLinesAsync(Path.Combine(AppContext.BaseDirectory, "seeds", "backend-developer-python.txt"));
        Assert.Contains("Cursor IDE A W A A", seed);
        var page = seed[1..].Select(line => line == "Cursor IDE A W A A" ? "Zed Editor A W A A" : line);
        var path = Path.Combine(Path.GetTempPath(), $"{OtherRole}-{Guid.NewGuid():N}.txt");
        await File.WriteAllLinesAsync(path, ["Assessment Other Role", .. page]);
        try
        {
            using var scope = host.Factory.Services.CreateScope();
            var import = await scope.ServiceProvider.GetRequiredService<ICatalogSeeding>().ImportFileAsync(path);
            Assert.Equal(OtherRole, import.RoleSlug);
        }
        finally
        {
            File.Delete(path);
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>A token for a fresh subject (or <paramref name="subject"/>), from the issuer the token verb uses.</summary>
    internal Rater SignIn(string name, bool expert = false, string? subject = null)
    {
        var id = subject ?? $"{name.ToLowerInvariant()}-{Guid.NewGuid():N}";
        var token = host.Factory.Services.GetRequiredService<LocalTokenIssuer>().Issue(id, name, expert ? [SkillMatrix.Community.CommunityModule.ExpertRole] : []).Token;
        return new Rater(id, token);
    }

    /// <summary>POSTs a request (anonymous when <paramref name="rater"/> is null) through <see cref="AuthClient"/>.</summary>
    internal async Task<AuthReply> SendAsync(string query, Rater? rater = null)
    {
        using var client = host.Factory.CreateClient();
        return await client.QueryAsync(query, rater?.Token);
    }

    /// <summary>The data of a request that must succeed without errors.</summary>
    internal async Task<JsonNode> DataAsync(string query, Rater? rater = null)
    {
        var reply = await SendAsync(query, rater);
        Assert.True(reply.Status == System.Net.HttpStatusCode.OK && reply.Body["errors"] is null, reply.Body.ToJsonString(Indented));
        return reply.Body["data"]!;
    }

    public const string EstimateFields =
        "role { slug } level { key } nextLevel { key } levels { level { key } reached coverage mandatoryCoverage } "
        + "gaps { skill { slug } required current mandatory steps }";

    public const string AssessmentFields = $"id createdAt catalogVersion role {{ slug }} ratings {{ skill {{ slug }} proficiency }} estimate {{ {EstimateFields} }}";

    /// <summary>saveAssessment's payload; the request must succeed (payload errors are the payload's).</summary>
    internal async Task<JsonNode> SaveAsync(Rater rater, string ratingsLiteral, string role = SeedGrades.Role)
    {
        var data = await DataAsync(
            $$"""mutation { saveAssessment(input: { roleSlug: "{{role}}", ratings: {{ratingsLiteral}} }) { assessment { {{AssessmentFields}} } errors { __typename ... on Error { message } ... on ValidationError { field } } } }""",
            rater);
        return data["saveAssessment"]!;
    }

    /// <summary>Saves and returns the new assessment's id; the save must succeed.</summary>
    internal async Task<string> SavedIdAsync(Rater rater, string ratingsLiteral)
    {
        var payload = await SaveAsync(rater, ratingsLiteral);
        Assert.True(payload["errors"] is null, payload.ToJsonString(Indented));
        return (string)payload["assessment"]!["id"]!;
    }

    internal async Task<JsonNode> DeleteAsync(Rater rater, string id)
    {
        var data = await DataAsync(
            $$"""mutation { deleteAssessment(input: { assessmentId: "{{id}}" }) { assessmentId errors { __typename ... on Error { message } } } }""", rater);
        return data["deleteAssessment"]!;
    }

    /// <summary>The ids of the viewer's saved assessments, newest first, as the default order gives them.</summary>
    internal async Task<List<string>> MyIdsAsync(Rater rater)
    {
        var data = await DataAsync("{ myAssessments(first: 100) { totalCount nodes { id } } }", rater);
        var connection = data["myAssessments"]!;
        var ids = connection["nodes"]!.AsArray().Select(n => (string)n!["id"]!).ToList();
        Assert.Equal(ids.Count, (int)connection["totalCount"]!);
        return ids;
    }

    internal static string Pretty(JsonNode? node) => node?.ToJsonString(Indented) ?? "null";

    public void Dispose() => host.Dispose();
}
