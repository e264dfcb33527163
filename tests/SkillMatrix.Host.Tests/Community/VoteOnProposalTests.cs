using System.Text;

namespace SkillMatrix.Host.Tests.Community;

/// <summary>voteOnProposal: one vote per member, changeable and retractable; never on one's own or a closed proposal.</summary>
public abstract class VoteOnProposalTests(HostFixture fixture)
{
    public sealed class OnSqlite(SignedInHost host) : VoteOnProposalTests(host), IClassFixture<SignedInHost>;

    public sealed class OnPostgreSql(PostgreSqlHost<SignedInHost> host) : VoteOnProposalTests(host), IClassFixture<PostgreSqlHost<SignedInHost>>;

    private CommunityApi Api { get; } = new(fixture.Host);

    private static (int Score, int Up, int Down, string? ViewerVote) Tally(System.Text.Json.Nodes.JsonNode payload)
    {
        CommunityApi.AssertNoErrors(payload);
        var proposal = payload["proposal"]!;
        return ((int)proposal["score"]!, (int)proposal["upVotes"]!, (int)proposal["downVotes"]!, (string?)proposal["viewerVote"]);
    }

    [Fact]
    public async Task One_vote_per_member_UP_twice_is_one_DOWN_replaces_it_and_null_takes_it_back()
    {
        var proposal = await Api.ProposeAsync(Api.SignIn("Author"), "api-testing", "JUNIOR", "WORKING");
        var id = (string)proposal["id"]!;
        var voter = Api.SignIn("Voter");

        Assert.Equal((1, 1, 0, "UP"), Tally(await Api.VoteAsync(voter, id, "UP")));
        Assert.Equal((1, 1, 0, "UP"), Tally(await Api.VoteAsync(voter, id, "UP")));
        Assert.Equal((-1, 0, 1, "DOWN"), Tally(await Api.VoteAsync(voter, id, "DOWN")));
        Assert.Equal((0, 0, 0, null), Tally(await Api.VoteAsync(voter, id, null)));
        Assert.Equal((0, 0, 0, null), Tally(await Api.VoteAsync(voter, id, null)));

        var read = (await Api.ProposalAsync(id, voter))!;
        Assert.Equal((0, 0, 0), ((int)read["score"]!, (int)read["upVotes"]!, (int)read["downVotes"]!));
        Assert.Equal("OPEN", (string?)read["status"]);
    }

    [Fact]
    public async Task Votes_of_several_members_add_up_and_viewerVote_is_each_viewers_own()
    {
        var proposal = await Api.ProposeAsync(Api.SignIn("Author"), "api-testing", "MIDDLE", "ADVANCED");
        var id = (string)proposal["id"]!;
        var (up, down, idle) = (Api.SignIn("Up"), Api.SignIn("Down"), Api.SignIn("Idle"));

        await Api.VoteAsync(up, id, "UP");
        Assert.Equal((0, 1, 1, "DOWN"), Tally(await Api.VoteAsync(down, id, "DOWN")));

        Assert.Equal("UP", (string?)(await Api.ProposalAsync(id, up))!["viewerVote"]);
        Assert.Equal("DOWN", (string?)(await Api.ProposalAsync(id, down))!["viewerVote"]);
        Assert.Null((await Api.ProposalAsync(id, idle))!["viewerVote"]);
        Assert.Null((await Api.ProposalAsync(id))!["viewerVote"]);
    }

    [Fact]
    public async Task Voting_on_ones_own_proposal_is_not_allowed()
    {
        var author = Api.SignIn("Self");
        var id = (string)(await Api.ProposeAsync(author, "api-testing", "SENIOR", "EXPERT"))["id"]!;

        CommunityApi.AssertError(await Api.VoteAsync(author, id, "UP"), "NotAllowedError");

        var read = (await Api.ProposalAsync(id))!;
        Assert.Equal((0, 0), ((int)read["score"]!, (int)read["upVotes"]!));
    }

    [Fact]
    public async Task Voting_on_a_withdrawn_proposal_is_not_allowed()
    {
        var author = Api.SignIn("Author");
        var voter = Api.SignIn("Voter");
        var id = (string)(await Api.ProposeAsync(author, "api-documentation", "JUNIOR", "WORKING"))["id"]!;
        await Api.VoteAsync(voter, id, "UP");
        CommunityApi.AssertNoErrors(await Api.WithdrawAsync(author, id));

        CommunityApi.AssertError(await Api.VoteAsync(voter, id, "DOWN"), "NotAllowedError");
        CommunityApi.AssertError(await Api.VoteAsync(voter, id, null), "NotAllowedError");
        CommunityApi.AssertError(await Api.VoteAsync(Api.SignIn("Late"), id, "UP"), "NotAllowedError");

        var read = (await Api.ProposalAsync(id, voter))!;
        Assert.Equal(("WITHDRAWN", 1, 1, "UP"), ((string?)read["status"], (int)read["score"]!, (int)read["upVotes"]!, (string?)read["viewerVote"]));
    }

    [Fact]
    public async Task Voting_on_an_accepted_or_rejected_proposal_is_not_allowed()
    {
        var expert = Api.SignIn("Expert", expert: true);
        var accepted = (string)(await Api.ProposeAsync(Api.SignIn("Author"), "api-documentation", "MIDDLE", "ADVANCED"))["id"]!;
        var rejected = (string)(await Api.ProposeAsync(Api.SignIn("Author"), "api-documentation", "SENIOR", "EXPERT"))["id"]!;
        CommunityApi.AssertNoErrors(await Api.ReviewAsync(expert, accepted, "ACCEPT"));
        CommunityApi.AssertNoErrors(await Api.ReviewAsync(expert, rejected, "REJECT"));

        CommunityApi.AssertError(await Api.VoteAsync(Api.SignIn("Voter"), accepted, "UP"), "NotAllowedError");
        CommunityApi.AssertError(await Api.VoteAsync(Api.SignIn("Voter"), rejected, "UP"), "NotAllowedError");
        Assert.Equal(0, (int)(await Api.ProposalAsync(accepted))!["upVotes"]!);
    }

    [Fact]
    public async Task Votes_are_still_taken_in_review()
    {
        var id = (string)(await Api.ProposeAsync(Api.SignIn("Author"), "api-documentation", "PRINCIPAL", "AWARENESS"))["id"]!;
        foreach (var name in new[] { "A", "B", "C" })
        {
            await Api.VoteAsync(Api.SignIn(name), id, "UP");
        }

        var fourth = await Api.VoteAsync(Api.SignIn("D"), id, "UP");
        Assert.Equal((4, 4, 0, "UP"), Tally(fourth));
        Assert.Equal("IN_REVIEW", (string?)fourth["proposal"]!["status"]);
    }

    public static TheoryData<string> UnknownIds() => new()
    {
        Convert.ToBase64String(Encoding.UTF8.GetBytes("Proposal:999999")),
        Convert.ToBase64String(Encoding.UTF8.GetBytes("Role:1")),
        Convert.ToBase64String(Encoding.UTF8.GetBytes("Proposal:-1")),
        Convert.ToBase64String(Encoding.UTF8.GetBytes("Proposal:abc")),
        "not-an-id",
        "%%%",
        "",
    };

    [Theory]
    [MemberData(nameof(UnknownIds))]
    public async Task An_unknown_or_garbage_proposal_id_is_not_found(string id)
    {
        CommunityApi.AssertError(await Api.VoteAsync(Api.SignIn("Voter"), id, "UP"), "NotFoundError");
    }
}
