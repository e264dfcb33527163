using System.Net;
using System.Text.Json.Nodes;

namespace SkillMatrix.Host.Tests.Community;

/// <summary>
/// The whole story over HTTP: a member proposes, three others vote it into review, an expert accepts, and the role's
/// matrix, version and changelog show the change.
/// </summary>
public abstract class ProposalStoryTests(HostFixture fixture)
{
    public sealed class OnSqlite(SignedInHost host) : ProposalStoryTests(host), IClassFixture<SignedInHost>;

    public sealed class OnPostgreSql(PostgreSqlHost<SignedInHost> host) : ProposalStoryTests(host), IClassFixture<PostgreSqlHost<SignedInHost>>;

    private CommunityApi Api { get; } = new(fixture.Host);

    [Fact]
    public async Task A_proposal_voted_into_review_and_accepted_changes_the_roles_matrix_version_and_changelog()
    {
        var alice = Api.SignIn("Alice");
        var before = await Api.RoleStateAsync("rest-api-design", "JUNIOR");
        Assert.Equal((1, "WORKING"), (before.Version, before.Proficiency));
        Assert.Empty(before.Changes);

        // Alice signs in with the issuer's token and proposes.
        var signedIn = await Api.DataAsync("{ myNotifications { totalCount } }", token: alice.Token);
        Assert.Equal(0, (int)signedIn["myNotifications"]!["totalCount"]!);
        var proposal = await Api.ProposeAsync(alice, "rest-api-design", "JUNIOR", "ADVANCED", "REST API design is ADVANCED from day one");
        var id = (string)proposal["id"]!;
        Assert.Equal("OPEN", (string?)proposal["status"]);
        Assert.Equal(alice.Id, (string?)proposal["author"]!["id"]);
        Assert.Equal("Alice", (string?)proposal["author"]!["name"]);
        Assert.Equal(CommunityApi.Role, (string?)proposal["roleSlug"]);
        var change = proposal["change"]!;
        Assert.Equal("REST API Design", (string?)change["skill"]);
        Assert.Equal("API & Integration", (string?)change["domain"]);
        Assert.Equal("JUNIOR", (string?)change["level"]!["key"]);
        Assert.Equal("WORKING", (string?)change["from"]);
        Assert.Equal("ADVANCED", (string?)change["to"]);
        Assert.True((bool?)change["mandatory"]);
        Assert.Null(proposal["review"]);

        // Three other members vote UP: the third reaches the threshold (3) and the proposal moves to IN_REVIEW.
        var statuses = new List<string?>();
        foreach (var name in new[] { "Bob", "Carol", "Dave" })
        {
            var payload = await Api.VoteAsync(Api.SignIn(name), id, "UP");
            CommunityApi.AssertNoErrors(payload);
            statuses.Add((string?)payload["proposal"]!["status"]);
        }

        Assert.Equal(["OPEN", "OPEN", "IN_REVIEW"], statuses);
        var inReview = (await Api.ProposalAsync(id))!;
        Assert.Equal((3, 3, 0), ((int)inReview["score"]!, (int)inReview["upVotes"]!, (int)inReview["downVotes"]!));

        // An expert accepts.
        var erin = Api.SignIn("Erin", expert: true);
        var reviewed = await Api.ReviewAsync(erin, id, "ACCEPT", "Agreed.");
        CommunityApi.AssertNoErrors(reviewed);
        Assert.Equal("ACCEPTED", (string?)reviewed["proposal"]!["status"]);
        Assert.Equal("ACCEPT", (string?)reviewed["proposal"]!["review"]!["decision"]);
        Assert.Equal(erin.Id, (string?)reviewed["proposal"]!["review"]!["reviewer"]!["id"]);
        Assert.Equal("Agreed.", (string?)reviewed["proposal"]!["review"]!["note"]);

        // The role shows it: requirements, matrix, version 2, and one changelog entry naming the proposal.
        var after = await Api.RoleStateAsync("rest-api-design", "JUNIOR");
        Assert.Equal("ADVANCED", after.Proficiency);
        Assert.True(after.Mandatory);
        Assert.Equal(2, after.Version);
        var entry = Assert.Single(after.Changes);
        Assert.Equal(id, entry.ProposalId);
        Assert.Equal(2, entry.Version);

        var matrix = await Api.DataAsync($$"""
            { role(slug: "{{CommunityApi.Role}}") { matrix { skills { skill { slug } cells { level { key } proficiency mandatory } } } } }
            """);
        var row = matrix["role"]!["matrix"]!.AsArray().SelectMany(d => d!["skills"]!.AsArray())
            .Single(s => (string?)s!["skill"]!["slug"] == "rest-api-design")!;
        var cells = row["cells"]!.AsArray();
        var junior = cells.Single(c => c is not null && (string?)c["level"]!["key"] == "JUNIOR")!;
        Assert.Equal("ADVANCED", (string?)junior["proficiency"]);
        Assert.Equal(["ADVANCED", "ADVANCED", "EXPERT", "EXPERT", "EXPERT"], cells.Select(c => (string?)c?["proficiency"]));

        // Alice hears of every step but her own: the move to IN_REVIEW and the acceptance.
        var notifications = await Api.DataAsync("{ myNotifications { nodes { kind proposal { id status } } } }", token: alice.Token);
        Assert.Equal(["PROPOSAL_STATUS_CHANGED", "PROPOSAL_STATUS_CHANGED"],
            notifications["myNotifications"]!["nodes"]!.AsArray().Select(n => (string?)n!["kind"]));
        Assert.All(notifications["myNotifications"]!["nodes"]!.AsArray(), n => Assert.Equal(id, (string?)n!["proposal"]!["id"]));
    }

    [Fact]
    public async Task The_graphql_response_media_type_answers_a_mutation_with_200()
    {
        var reply = await Api.SendAsync("mutation { watchRole(input: { roleSlug: \"backend-developer-python\" }) { role { watcherCount } } }",
            token: Api.SignIn("Frank").Token, graphqlResponse: true);

        Assert.True(reply.Status == HttpStatusCode.OK, reply.ToString());
        Assert.Equal("application/graphql-response+json", reply.MediaType);
        Assert.IsType<JsonObject>(reply.Data!["watchRole"]!["role"]);
    }
}
