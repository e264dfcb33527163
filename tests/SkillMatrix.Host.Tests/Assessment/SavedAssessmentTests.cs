using System.Text.Json.Nodes;
using Platform.Server.Security;

namespace SkillMatrix.Host.Tests.Assessment;

/// <summary>saveAssessment, myAssessments and deleteAssessment over HTTP; and that a saved assessment is its owner's alone.</summary>
public abstract class SavedAssessmentTests(HostFixture fixture)
{
    public sealed class OnSqlite(AssessmentHost host) : SavedAssessmentTests(host), IClassFixture<AssessmentHost>;

    public sealed class OnPostgreSql(PostgreSqlHost<AssessmentHost> host) : SavedAssessmentTests(host), IClassFixture<PostgreSqlHost<AssessmentHost>>;

    private readonly AssessmentApi api = new(fixture.Host);

    [Fact]
    public async Task Saving_stores_the_ratings_the_roles_version_and_an_estimate_of_the_current_catalog()
    {
        var rater = api.SignIn("Saver");
        var ratings = SeedGrades.ExactlyAt("JUNIOR");
        ratings["docker"] = null; // a null proficiency is kept as "not held", not dropped
        var version = (int)(await api.DataAsync($$"""{ role(slug: "{{SeedGrades.Role}}") { version } }"""))["role"]!["version"]!;

        var payload = await api.SaveAsync(rater, SeedGrades.Literal(ratings));

        Assert.True(payload["errors"] is null, AssessmentApi.Pretty(payload));
        var saved = payload["assessment"]!;
        Assert.Equal(SeedGrades.Role, (string?)saved["role"]!["slug"]);
        Assert.Equal(version, (int)saved["catalogVersion"]!);
        Assert.InRange(DateTimeOffset.Parse((string)saved["createdAt"]!, System.Globalization.CultureInfo.InvariantCulture), DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1));
        var stored = saved["ratings"]!.AsArray().ToDictionary(r => (string)r!["skill"]!["slug"]!, r => (string?)r!["proficiency"]);
        Assert.Equal(ratings.OrderBy(r => r.Key, StringComparer.Ordinal), stored.OrderBy(r => r.Key, StringComparer.Ordinal));
        EstimateGradeTests.AssertEstimate(SeedGrades.Estimate(ratings), saved["estimate"]);

        // Read back by id, the same.
        var read = await api.DataAsync($$"""{ node(id: "{{(string)saved["id"]!}}") { ... on Assessment { {{AssessmentApi.AssessmentFields}} } } }""", rater);
        Assert.Equal(saved.ToJsonString(), read["node"]!.ToJsonString());
    }

    [Theory]
    [InlineData("no-such-role", """[{ skill: "rest-api-design", proficiency: WORKING }]""", "NotFoundError")]
    [InlineData(SeedGrades.Role, """[{ skill: "no-such-skill", proficiency: WORKING }]""", "ValidationError")]
    [InlineData(SeedGrades.Role, """[{ skill: "rest-api-design", proficiency: WORKING }, { skill: "rest-api-design", proficiency: EXPERT }]""", "ValidationError")]
    [InlineData(SeedGrades.Role, """[{ skill: "zed-editor", proficiency: WORKING }]""", "ValidationError")]
    public async Task BadInputIsAPayloadErrorAndWritesNothing(string role, string ratingsLiteral, string errorType)
    {
        var rater = api.SignIn("Careless");

        var payload = await api.SaveAsync(rater, ratingsLiteral, role);

        Assert.Null(payload["assessment"]);
        var error = Assert.Single(payload["errors"]!.AsArray());
        Assert.Equal(errorType, (string?)error!["__typename"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)error["message"]));
        if (errorType == "ValidationError")
        {
            Assert.Equal("ratings", (string?)error["field"]);
        }

        Assert.Empty(await api.MyIdsAsync(rater));
    }

    [Fact]
    public async Task The_refusals_message_names_the_offending_skills()
    {
        var payload = await api.SaveAsync(api.SignIn("Typo"), SeedGrades.Literal(("no-such-skill", "WORKING"), ("another-typo", "EXPERT")));

        var message = (string)payload["errors"]![0]!["message"]!;
        Assert.Contains("no-such-skill", message, StringComparison.Ordinal);
        Assert.Contains("another-typo", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MyAssessments_lists_only_the_viewers_own_newest_first_in_pages()
    {
        var owner = api.SignIn("Pager");
        var other = api.SignIn("Neighbour");
        var othersId = await api.SavedIdAsync(other, "[]");
        var ids = new List<string>();
        foreach (var level in SeedCatalog.LadderKeys)
        {
            ids.Add(await api.SavedIdAsync(owner, SeedGrades.Literal(SeedGrades.ExactlyAt(level))));
        }

        ids.Reverse(); // newest first
        Assert.Equal(ids, await api.MyIdsAsync(owner));
        Assert.Equal([othersId], await api.MyIdsAsync(other));

        // Pages of two, forward with after: the same order, no repeats, and the last page says so.
        var paged = new List<string>();
        string? after = null;
        for (var page = 0; page < 5; page++)
        {
            var argument = after is null ? "" : $", after: \"{after}\"";
            var data = await api.DataAsync($$"""{ myAssessments(first: 2{{argument}}) { totalCount nodes { id } pageInfo { hasNextPage endCursor } } }""", owner);
            var connection = data["myAssessments"]!;
            Assert.Equal(5, (int)connection["totalCount"]!);
            paged.AddRange(connection["nodes"]!.AsArray().Select(n => (string)n!["id"]!));
            if (!(bool)connection["pageInfo"]!["hasNextPage"]!)
            {
                break;
            }

            after = (string?)connection["pageInfo"]!["endCursor"];
        }

        Assert.Equal(ids, paged);
    }

    [Fact]
    public async Task MyAssessments_filter_by_a_ratings_proficiency_and_by_id()
    {
        // SkillRatingFilterInput held only and/or before: `proficiency` is a column of the saved rating, so it filters.
        var rater = api.SignIn("Filterer");
        var expert = await api.SavedIdAsync(rater, SeedGrades.Literal(("docker", "EXPERT"), ("redis", "WORKING")));
        var working = await api.SavedIdAsync(rater, SeedGrades.Literal(("docker", "WORKING"), ("redis", null)));
        var empty = await api.SavedIdAsync(rater, "[]");

        async Task<List<string>> IdsAsync(string where) =>
            [.. (await api.DataAsync($$"""{ myAssessments(first: 100, where: {{where}}) { nodes { id } } }""", rater))
                ["myAssessments"]!["nodes"]!.AsArray().Select(n => (string)n!["id"]!).Order(StringComparer.Ordinal)];
        List<string> Ids(params string[] ids) => [.. ids.Order(StringComparer.Ordinal)];

        Assert.Equal(Ids(expert), await IdsAsync("{ ratings: { some: { proficiency: { eq: EXPERT } } } }"));
        Assert.Equal(Ids(working, empty), await IdsAsync("{ ratings: { none: { proficiency: { eq: EXPERT } } } }"));
        Assert.Equal(Ids(working), await IdsAsync("{ ratings: { some: { proficiency: { eq: null } } } }"));
        Assert.Equal(Ids(expert, empty), await IdsAsync("{ ratings: { all: { proficiency: { in: [WORKING, EXPERT] } } } }"));
        Assert.Equal(Ids(working), await IdsAsync($$"""{ id: { eq: "{{working}}" } }"""));
        Assert.Equal(Ids(expert, empty), await IdsAsync($$"""{ id: { nin: ["{{working}}"] } }"""));
    }

    [Fact]
    public async Task Another_member_cannot_read_an_assessment_by_node_by_nodes_or_through_myAssessments()
    {
        var owner = api.SignIn("Owner");
        var snoop = api.SignIn("Snoop");
        var id = await api.SavedIdAsync(owner, SeedGrades.Literal(SeedGrades.Everything("EXPERT")));

        var byNode = await api.SendAsync($$"""{ node(id: "{{id}}") { id ... on Assessment { catalogVersion ratings { proficiency } } } }""", snoop);
        Assert.Null(byNode.Body["data"]?["node"]);
        Assert.Equal(["NOT_FOUND"], byNode.ErrorCodes);

        var byNodes = await api.SendAsync($$"""{ nodes(ids: ["{{id}}"]) { id } }""", snoop);
        Assert.Null(Assert.Single(byNodes.Body["data"]!["nodes"]!.AsArray()));
        Assert.Equal(["NOT_FOUND"], byNodes.ErrorCodes);

        // Anonymous: nobody either.
        var anonymous = await api.SendAsync($$"""{ node(id: "{{id}}") { id } }""");
        Assert.Null(anonymous.Body["data"]?["node"]);

        Assert.Empty(await api.MyIdsAsync(snoop));
        // A filter cannot widen the list beyond the viewer's own.
        var filtered = await api.DataAsync(
            """{ myAssessments(first: 100, where: { or: [{ catalogVersion: { gte: 0 } }, { ratings: { any: true } }] }) { totalCount nodes { id } } }""", snoop);
        Assert.Equal(0, (int)filtered["myAssessments"]!["totalCount"]!);

        // The owner still reads it.
        var own = await api.DataAsync($$"""{ node(id: "{{id}}") { id } }""", owner);
        Assert.Equal(id, (string?)own["node"]!["id"]);
    }

    [Fact]
    public async Task Another_member_cannot_delete_an_assessment_and_is_told_it_does_not_exist()
    {
        var owner = api.SignIn("Keeper");
        var snoop = api.SignIn("Vandal");
        var id = await api.SavedIdAsync(owner, "[]");

        var payload = await api.DeleteAsync(snoop, id);

        Assert.Null(payload["assessmentId"]);
        var error = Assert.Single(payload["errors"]!.AsArray());
        Assert.Equal("NotFoundError", (string?)error!["__typename"]);
        Assert.Equal([id], await api.MyIdsAsync(owner));
    }

    [Fact]
    public async Task The_owner_deletes_their_assessment()
    {
        var owner = api.SignIn("Tidy");
        var kept = await api.SavedIdAsync(owner, "[]");
        var gone = await api.SavedIdAsync(owner, SeedGrades.Literal(SeedGrades.ExactlyAt("SENIOR")));

        var payload = await api.DeleteAsync(owner, gone);

        Assert.True(payload["errors"] is null, AssessmentApi.Pretty(payload));
        Assert.Equal(gone, (string?)payload["assessmentId"]);
        Assert.Equal([kept], await api.MyIdsAsync(owner));
        var again = await api.DeleteAsync(owner, gone);
        Assert.Equal("NotFoundError", (string?)again["errors"]![0]!["__typename"]);
        var byNode = await api.SendAsync($$"""{ node(id: "{{gone}}") { id } }""", owner);
        Assert.Null(byNode.Body["data"]?["node"]);
    }

    [Fact]
    public async Task Deleting_a_garbage_id_is_not_found()
    {
        var payload = await api.DeleteAsync(api.SignIn("Garbage"), "not-an-id");

        Assert.Equal("NotFoundError", (string?)payload["errors"]![0]!["__typename"]);
    }

    [Fact]
    public async Task Anonymous_callers_are_refused_myAssessments_and_the_mutations()
    {
        (await api.SendAsync("{ myAssessments { totalCount } }")).AssertRefusedAsAnonymous();
        (await api.SendAsync("""mutation { saveAssessment(input: { roleSlug: "backend-developer-python", ratings: [] }) { assessment { id } } }"""))
            .AssertRefusedAsAnonymous();
        (await api.SendAsync("""mutation { deleteAssessment(input: { assessmentId: "QXNzZXNzbWVudDox" }) { assessmentId } }"""))
            .AssertRefusedAsAnonymous();
        // The code the refusal carries, by name: the contract promises this string.
        Assert.Equal("AUTH_NOT_AUTHENTICATED", AuthorizationErrorCodes.NotAuthenticated);
    }
}
