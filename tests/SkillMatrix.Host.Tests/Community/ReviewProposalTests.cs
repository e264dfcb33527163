using System.Net;
using Platform.Server.Security;

namespace SkillMatrix.Host.Tests.Community;

/// <summary>
/// reviewProposal: experts only; REJECT leaves the catalog alone; ACCEPT applies the change once, and refuses (changing
/// nothing) when the cell no longer holds the proposal's <c>from</c>; a decided proposal cannot be reviewed again.
/// </summary>
public abstract class ReviewProposalTests(HostFixture fixture)
{
    public sealed class OnSqlite(SignedInHost host) : ReviewProposalTests(host), IClassFixture<SignedInHost>;

    public sealed class OnPostgreSql(PostgreSqlHost<SignedInHost> host) : ReviewProposalTests(host), IClassFixture<PostgreSqlHost<SignedInHost>>;

    private const string ReviewMutation = "mutation($input: ReviewProposalInput!) { reviewProposal(input: $input) { proposal { id status } errors { __typename } } }";

    private CommunityApi Api { get; } = new(fixture.Host);

    [Fact]
    public async Task A_member_without_the_expert_role_is_not_authorized_and_nothing_changes()
    {
        var id = (string)(await Api.ProposeAsync(Api.SignIn("Author"), "redis", "MIDDLE", "ADVANCED"))["id"]!;
        var member = Api.SignIn("Member");
        var before = await Api.RoleStateAsync("redis", "MIDDLE");
        var variables = new { input = new { proposalId = id, decision = "ACCEPT" } };

        var json = await Api.SendAsync(ReviewMutation, variables, member.Token);
        var graphqlResponse = await Api.SendAsync(ReviewMutation, variables, member.Token, graphqlResponse: true);

        Assert.True(json.Status == HttpStatusCode.OK, json.ToString());
        Assert.Equal([AuthorizationErrorCodes.NotAuthorized], json.ErrorCodes);
        Assert.Null(json.Data?["reviewProposal"]);
        Assert.True(graphqlResponse.Status == HttpStatusCode.Forbidden, graphqlResponse.ToString());
        Assert.Equal([AuthorizationErrorCodes.NotAuthorized], graphqlResponse.ErrorCodes);

        Assert.Equal("OPEN", (string?)(await Api.ProposalAsync(id))!["status"]);
        Assert.Equal(before, await Api.RoleStateAsync("redis", "MIDDLE"), RoleStateComparer.Instance);
    }

    [Fact]
    public async Task Reject_records_the_review_and_leaves_the_catalog_unchanged()
    {
        var author = Api.SignIn("Author");
        var id = (string)(await Api.ProposeAsync(author, "redis", "SENIOR", "EXPERT"))["id"]!;
        var before = await Api.RoleStateAsync("redis", "SENIOR");
        var expert = Api.SignIn("Expert", expert: true);

        var payload = await Api.ReviewAsync(expert, id, "REJECT", "  Not at senior.  ");

        CommunityApi.AssertNoErrors(payload);
        var proposal = payload["proposal"]!;
        Assert.Equal("REJECTED", (string?)proposal["status"]);
        Assert.Equal("REJECT", (string?)proposal["review"]!["decision"]);
        Assert.Equal("Not at senior.", (string?)proposal["review"]!["note"]);
        Assert.Equal(expert.Id, (string?)proposal["review"]!["reviewer"]!["id"]);
        var after = await Api.RoleStateAsync("redis", "SENIOR");
        Assert.Equal(before, after, RoleStateComparer.Instance);
        Assert.Equal("ADVANCED", after.Proficiency);
    }

    [Fact]
    public async Task Accepting_a_proposal_whose_cell_changed_meanwhile_is_a_conflict_and_changes_nothing()
    {
        // Two authors propose on the same cell (caching-strategies at MIDDLE, WORKING today).
        var first = (string)(await Api.ProposeAsync(Api.SignIn("First"), "caching-strategies", "MIDDLE", "ADVANCED"))["id"]!;
        var second = (string)(await Api.ProposeAsync(Api.SignIn("Second"), "caching-strategies", "MIDDLE", "EXPERT"))["id"]!;
        Assert.Equal("WORKING", (string?)(await Api.ProposalAsync(second))!["change"]!["from"]);
        var expert = Api.SignIn("Expert", expert: true);
        var before = await Api.RoleStateAsync("caching-strategies", "MIDDLE");

        CommunityApi.AssertNoErrors(await Api.ReviewAsync(expert, first, "ACCEPT"));
        var accepted = await Api.RoleStateAsync("caching-strategies", "MIDDLE");
        Assert.Equal(("ADVANCED", before.Version + 1, before.Changes.Count + 1), (accepted.Proficiency, accepted.Version, accepted.Changes.Count));

        var stale = await Api.ReviewAsync(expert, second, "ACCEPT");

        CommunityApi.AssertError(stale, "ConflictError");
        Assert.Equal(accepted, await Api.RoleStateAsync("caching-strategies", "MIDDLE"), RoleStateComparer.Instance);
        var read = (await Api.ProposalAsync(second))!;
        Assert.Equal("OPEN", (string?)read["status"]);
        Assert.Null(read["review"]);
        Assert.Equal("WORKING", (string?)read["change"]!["from"]);

        // It can still be rejected.
        CommunityApi.AssertNoErrors(await Api.ReviewAsync(expert, second, "REJECT", "Overtaken."));
        Assert.Equal(accepted, await Api.RoleStateAsync("caching-strategies", "MIDDLE"), RoleStateComparer.Instance);
    }

    [Fact]
    public async Task Reviewing_an_accepted_proposal_again_is_an_error_and_changes_nothing()
    {
        var id = (string)(await Api.ProposeAsync(Api.SignIn("Author"), "task-queues", "JUNIOR", "WORKING"))["id"]!;
        var expert = Api.SignIn("Expert", expert: true);
        CommunityApi.AssertNoErrors(await Api.ReviewAsync(expert, id, "ACCEPT", "Yes."));
        var accepted = await Api.RoleStateAsync("task-queues", "JUNIOR");
        Assert.Equal("WORKING", accepted.Proficiency);

        foreach (var decision in new[] { "ACCEPT", "REJECT" })
        {
            var again = await Api.ReviewAsync(Api.SignIn("Another expert", expert: true), id, decision, "Changed my mind.");
            Assert.NotNull(again["errors"]);
            Assert.Null(again["proposal"]);
        }

        CommunityApi.AssertError(await Api.ReviewAsync(expert, id, "ACCEPT"), "ConflictError");
        Assert.Equal(accepted, await Api.RoleStateAsync("task-queues", "JUNIOR"), RoleStateComparer.Instance);
        var read = (await Api.ProposalAsync(id))!;
        Assert.Equal(("ACCEPTED", "ACCEPT", "Yes.", expert.Id),
            ((string?)read["status"], (string?)read["review"]!["decision"], (string?)read["review"]!["note"], (string?)read["review"]!["reviewer"]!["id"]));
    }

    [Fact]
    public async Task Reviewing_a_rejected_or_withdrawn_proposal_is_an_error()
    {
        var author = Api.SignIn("Author");
        var expert = Api.SignIn("Expert", expert: true);
        var rejected = (string)(await Api.ProposeAsync(author, "task-queues", "MIDDLE", "ADVANCED"))["id"]!;
        var withdrawn = (string)(await Api.ProposeAsync(author, "task-queues", "SENIOR", "EXPERT"))["id"]!;
        CommunityApi.AssertNoErrors(await Api.ReviewAsync(expert, rejected, "REJECT"));
        CommunityApi.AssertNoErrors(await Api.WithdrawAsync(author, withdrawn));
        var before = await Api.RoleStateAsync("task-queues", "SENIOR");

        CommunityApi.AssertError(await Api.ReviewAsync(expert, rejected, "ACCEPT"), "ConflictError");
        CommunityApi.AssertError(await Api.ReviewAsync(expert, withdrawn, "ACCEPT"), "ConflictError");

        Assert.Equal(before, await Api.RoleStateAsync("task-queues", "SENIOR"), RoleStateComparer.Instance);
        Assert.Equal("WITHDRAWN", (string?)(await Api.ProposalAsync(withdrawn))!["status"]);
    }

    [Fact]
    public async Task Accepting_a_removal_removes_the_cell()
    {
        var id = (string)(await Api.ProposeAsync(Api.SignIn("Author"), "rabbitmq", "JUNIOR", proficiency: null))["id"]!;
        var before = await Api.RequirementCountAsync();

        CommunityApi.AssertNoErrors(await Api.ReviewAsync(Api.SignIn("Expert", expert: true), id, "ACCEPT"));

        var after = await Api.RoleStateAsync("rabbitmq", "JUNIOR");
        Assert.Null(after.Proficiency);
        Assert.Equal(before - 1, await Api.RequirementCountAsync());
        Assert.Contains(after.Changes, c => c.ProposalId == id);
    }

    [Fact]
    public async Task Accepting_a_new_skill_adds_it_to_the_catalog_and_the_matrix()
    {
        var payload = await Api.SuggestAsync(Api.SignIn("Author"), new
        {
            roleSlug = CommunityApi.Role,
            newSkill = new { name = "Supply Chain Security", domain = "security" },
            level = "SENIOR",
            proficiency = "ADVANCED",
            title = "Add supply chain security",
            rationale = "SBOMs and signed builds.",
        });
        CommunityApi.AssertNoErrors(payload);
        var id = (string)payload["proposal"]!["id"]!;

        CommunityApi.AssertNoErrors(await Api.ReviewAsync(Api.SignIn("Expert", expert: true), id, "ACCEPT"));

        var cell = await Api.RoleStateAsync("supply-chain-security", "SENIOR");
        Assert.Equal(("ADVANCED", true), (cell.Proficiency, cell.Mandatory));
        var skill = await Api.DataAsync("""{ skills(where: { slug: { eq: "supply-chain-security" } }) { nodes { name domain { slug } } } }""");
        var node = Assert.Single(skill["skills"]!["nodes"]!.AsArray())!;
        Assert.Equal(("Supply Chain Security", "security"), ((string?)node["name"], (string?)node["domain"]!["slug"]));
    }

    [Fact]
    public async Task A_note_of_more_than_4000_characters_is_a_validation_error_and_changes_nothing()
    {
        var id = (string)(await Api.ProposeAsync(Api.SignIn("Author"), "redis", "LEAD_STAFF", "ADVANCED"))["id"]!;
        var before = await Api.RoleStateAsync("redis", "LEAD_STAFF");

        CommunityApi.AssertError(await Api.ReviewAsync(Api.SignIn("Expert", expert: true), id, "ACCEPT", new string('n', 4001)), "ValidationError");

        Assert.Equal(before, await Api.RoleStateAsync("redis", "LEAD_STAFF"), RoleStateComparer.Instance);
        Assert.Equal("OPEN", (string?)(await Api.ProposalAsync(id))!["status"]);
        CommunityApi.AssertNoErrors(await Api.ReviewAsync(Api.SignIn("Expert", expert: true), id, "REJECT", new string('n', 4000)));
    }

    [Fact]
    public async Task An_unknown_proposal_is_not_found()
    {
        CommunityApi.AssertError(await Api.ReviewAsync(Api.SignIn("Expert", expert: true), "UHJvcG9zYWw6OTk5OTk5", "ACCEPT"), "NotFoundError");
    }

    private sealed class RoleStateComparer : IEqualityComparer<RoleState>
    {
        public static readonly RoleStateComparer Instance = new();

        public bool Equals(RoleState? x, RoleState? y) =>
            x is not null && y is not null && x.Version == y.Version && x.Proficiency == y.Proficiency && x.Mandatory == y.Mandatory
            && x.Changes.SequenceEqual(y.Changes);

        public int GetHashCode(RoleState obj) => obj.Version;
    }
}
