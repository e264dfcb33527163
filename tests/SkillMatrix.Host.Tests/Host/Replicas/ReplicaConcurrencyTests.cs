using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using SkillMatrix.Host.Tests.Community;

namespace SkillMatrix.Host.Tests.Host.Replicas;

/// <summary>
/// Racing mutations sent to two replicas on one PostgreSQL database at once (released together by one gate): the row
/// locks and the retried transactions keep counts exact and decisions single across processes' connection pools, and
/// no client ever sees a deadlock, a serialization failure or a unique violation.
/// </summary>
public sealed class ReplicaConcurrencyTests(TwoReplicas replicas) : IClassFixture<TwoReplicas>
{
    private const string Vote = "mutation($input: VoteOnProposalInput!) { voteOnProposal(input: $input) { proposal { id score status } errors { __typename ... on Error { message } } } }";
    private const string Withdraw = "mutation($input: WithdrawProposalInput!) { withdrawProposal(input: $input) { proposal { id status } errors { __typename ... on Error { message } } } }";
    private const string Review = "mutation($input: ReviewProposalInput!) { reviewProposal(input: $input) { proposal { id status } errors { __typename ... on Error { message } } } }";

    private CommunityApi First { get; } = new(replicas.First);

    private CommunityApi Second { get; } = new(replicas.Second);

    private CommunityApi On(int replica) => replica % 2 == 0 ? First : Second;

    private async Task<GraphQLReply[]> AllAtOnceAsync(IEnumerable<(CommunityApi Replica, string Query, object Variables, string Token)> requests)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = requests.Select(r => Task.Run(async () =>
        {
            await gate.Task;
            return await r.Replica.SendAsync(r.Query, r.Variables, r.Token);
        })).ToList();
        gate.SetResult();
        var replies = await Task.WhenAll(tasks);
        Assert.All(replies, reply => Assert.True(reply.Status == HttpStatusCode.OK && !reply.HasErrors && reply.Data is not null, reply.ToString()));
        return replies;
    }

    private static JsonNode Payload(GraphQLReply reply, string field) => reply.Data![field]!;

    private static int Key(string globalId) => int.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(globalId)).Split(':')[1], System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Fifty_members_voting_at_once_on_two_replicas_make_a_score_of_fifty_and_enter_review_once()
    {
        var author = First.SignIn("Author");
        var id = (string)(await First.ProposeAsync(author, "rest-api-design", "MIDDLE", "EXPERT"))["id"]!;
        var voters = Enumerable.Range(1, 50).Select(i => First.SignIn($"Voter{i:00}")).ToList();

        var replies = await AllAtOnceAsync(voters.Select((v, i) => (On(i), Vote, (object)new { input = new { proposalId = id, value = "UP" } }, v.Token)));

        Assert.All(replies, reply => CommunityApi.AssertNoErrors(Payload(reply, "voteOnProposal")));
        foreach (var api in new[] { First, Second })
        {
            var read = (await api.ProposalAsync(id))!;
            Assert.Equal((50, 50, 0, "IN_REVIEW"), ((int)read["score"]!, (int)read["upVotes"]!, (int)read["downVotes"]!, (string?)read["status"]));
        }

        // The status changed once: the author was told once (a payload's proposal is read after its commit, so several
        // replies may show IN_REVIEW; the notification is written inside the one transaction that moved it).
        Assert.Equal(50, await replicas.ScalarAsync("SELECT count(*) FROM community.votes WHERE \"ProposalId\" = @p", ("p", Key(id))));
        Assert.Equal(1, await replicas.ScalarAsync("SELECT count(*) FROM community.notifications WHERE \"ProposalId\" = @p AND \"MemberId\" = @m AND \"Kind\" = 2",
            ("p", Key(id)), ("m", author.Id)));
    }

    [Fact]
    public async Task Two_experts_accepting_one_proposal_on_different_replicas_change_the_catalog_once()
    {
        foreach (var (skill, level) in new[] { ("api-versioning-strategies", "JUNIOR"), ("api-versioning-strategies", "MIDDLE"), ("rate-limiting-throttling", "JUNIOR"),
                     ("rate-limiting-throttling", "MIDDLE"), ("api-versioning-strategies", "SENIOR") })
        {
            var id = (string)(await First.ProposeAsync(First.SignIn("Author"), skill, level, "EXPERT"))["id"]!;
            var before = await Second.RoleStateAsync(skill, level);

            var replies = await AllAtOnceAsync(new[] { First, Second }.Select(api =>
                (api, Review, (object)new { input = new { proposalId = id, decision = "ACCEPT" } }, api.SignIn("Expert", expert: true).Token)));

            var payloads = replies.Select(r => Payload(r, "reviewProposal")).ToList();
            Assert.Equal("ACCEPTED", (string?)Assert.Single(payloads, p => p["errors"] is null)["proposal"]!["status"]);
            Assert.Equal("ConflictError", (string?)Assert.Single(payloads, p => p["errors"] is not null)["errors"]![0]!["__typename"]);

            foreach (var api in new[] { First, Second })
            {
                var after = await api.RoleStateAsync(skill, level);
                Assert.Equal(("EXPERT", before.Version + 1, before.Changes.Count + 1), (after.Proficiency, after.Version, after.Changes.Count));
                Assert.Single(after.Changes, c => c.ProposalId == id);
            }
        }
    }

    [Fact]
    public async Task Votes_racing_a_withdrawal_on_the_other_replica_end_consistent()
    {
        const int Proposals = 12;
        var skills = new[] { "graphql-design", "websocket-api-design", "grpc-protocol-buffers", "api-testing" };
        var levels = new[] { "JUNIOR", "MIDDLE", "SENIOR" };
        var cases = new List<(string Id, Person Author, Person[] Voters)>();
        for (var i = 0; i < Proposals; i++)
        {
            var author = First.SignIn("Author");
            var id = (string)(await First.ProposeAsync(author, skills[i % skills.Length], levels[i / skills.Length], proficiency: null))["id"]!;
            cases.Add((id, author, [First.SignIn("V1"), First.SignIn("V2"), First.SignIn("V3")]));
        }

        // The author withdraws on one replica while three members vote on the other (and one on the same).
        var requests = cases.SelectMany((c, n) => c.Voters.Select((v, i) => (On(n + i + 1), Vote, (object)new { input = new { proposalId = c.Id, value = "UP" } }, v.Token))
            .Prepend((On(n), Withdraw, new { input = new { proposalId = c.Id } }, c.Author.Token))).ToList();
        var replies = await AllAtOnceAsync(requests);

        for (var i = 0; i < Proposals; i++)
        {
            var (id, _, voters) = cases[i];
            var withdrawn = Payload(replies[i * 4], "withdrawProposal");
            CommunityApi.AssertNoErrors(withdrawn);
            var votes = replies.Skip(i * 4 + 1).Take(3).Select(r => Payload(r, "voteOnProposal")).ToList();
            Assert.All(votes, v => Assert.True(v["errors"] is null || (string?)v["errors"]![0]!["__typename"] == "NotAllowedError", v.ToJsonString()));
            var counted = votes.Count(v => v["errors"] is null);

            var read = (await Second.ProposalAsync(id))!;
            Assert.Equal(("WITHDRAWN", counted, counted), ((string?)read["status"], (int)read["upVotes"]!, (int)read["score"]!));
            Assert.Equal(counted, await replicas.ScalarAsync("SELECT count(*) FROM community.votes WHERE \"ProposalId\" = @p", ("p", Key(id))));
            for (var v = 0; v < voters.Length; v++)
            {
                Assert.Equal(votes[v]["errors"] is null ? "UP" : null, (string?)(await First.ProposalAsync(id, voters[v]))!["viewerVote"]);
            }
        }
    }

    [Fact]
    public async Task A_members_first_mutations_sent_to_both_replicas_at_once_all_succeed()
    {
        // Both replicas insert the new member's row; the loser's unique violation re-runs its mutation, which finds it.
        var member = First.SignIn("Newcomer");
        const string Watch = "mutation($input: WatchRoleInput!) { watchRole(input: $input) { role { watcherCount } errors { __typename } } }";

        var replies = await AllAtOnceAsync(Enumerable.Range(0, 6).Select(i => (On(i), Watch, (object)new { input = new { roleSlug = CommunityApi.Role } }, member.Token)));

        Assert.All(replies, reply => CommunityApi.AssertNoErrors(Payload(reply, "watchRole")));
        Assert.Equal(1, await replicas.ScalarAsync("SELECT count(*) FROM community.members WHERE \"Id\" = @m", ("m", member.Id)));
        Assert.Equal(1, await replicas.ScalarAsync("SELECT count(*) FROM community.watches WHERE \"MemberId\" = @m", ("m", member.Id)));
    }
}
