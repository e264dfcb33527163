using System.Net;
using System.Text.Json.Nodes;

namespace SkillMatrix.Host.Tests.Community;

/// <summary>
/// Real parallel HTTP requests against one Host (threshold 1000, so proposals stay OPEN however many vote): each
/// mutation's IMMEDIATE transaction keeps counts exact and decisions single, and no request fails.
/// </summary>
public abstract class ConcurrencyTests(HostFixture fixture)
{
    public sealed class OnSqlite(HighThresholdHost host) : ConcurrencyTests(host), IClassFixture<HighThresholdHost>;

    public sealed class OnPostgreSql(PostgreSqlHost<HighThresholdHost> host) : ConcurrencyTests(host), IClassFixture<PostgreSqlHost<HighThresholdHost>>;

    private const string Vote = "mutation($input: VoteOnProposalInput!) { voteOnProposal(input: $input) { proposal { id score upVotes status } errors { __typename ... on Error { message } } } }";
    private const string Withdraw = "mutation($input: WithdrawProposalInput!) { withdrawProposal(input: $input) { proposal { id status } errors { __typename ... on Error { message } } } }";
    private const string Review = "mutation($input: ReviewProposalInput!) { reviewProposal(input: $input) { proposal { id status } errors { __typename ... on Error { message } } } }";

    private CommunityApi Api { get; } = new(fixture.Host);

    /// <summary>Sends every request at once (released together by one gate) and returns the replies in order.</summary>
    private async Task<GraphQLReply[]> AllAtOnceAsync(IEnumerable<(string Query, object Variables, string Token)> requests)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = requests.Select(r => Task.Run(async () =>
        {
            await gate.Task;
            return await Api.SendAsync(r.Query, r.Variables, r.Token);
        })).ToList();
        gate.SetResult();
        var replies = await Task.WhenAll(tasks);

        // Never a failed request: every reply is 200 with data and no GraphQL errors.
        Assert.All(replies, reply => Assert.True(reply.Status == HttpStatusCode.OK && !reply.HasErrors && reply.Data is not null, reply.ToString()));
        return replies;
    }

    private static JsonNode Payload(GraphQLReply reply, string field) => reply.Data![field]!;

    private static string? ErrorType(JsonNode payload) => (string?)payload["errors"]?[0]?["__typename"];

    [Fact]
    public async Task Fifty_members_voting_up_at_once_make_a_score_of_exactly_fifty()
    {
        var id = (string)(await Api.ProposeAsync(Api.SignIn("Author"), "rest-api-design", "MIDDLE", "EXPERT"))["id"]!;
        var voters = Enumerable.Range(1, 50).Select(i => Api.SignIn($"Voter{i:00}")).ToList();

        var replies = await AllAtOnceAsync(voters.Select(v => (Vote, (object)new { input = new { proposalId = id, value = "UP" } }, v.Token)));

        Assert.All(replies, reply => CommunityApi.AssertNoErrors(Payload(reply, "voteOnProposal")));
        var read = (await Api.ProposalAsync(id))!;
        Assert.Equal((50, 50, 0), ((int)read["score"]!, (int)read["upVotes"]!, (int)read["downVotes"]!));
        Assert.Equal("OPEN", (string?)read["status"]); // the host's threshold is 1000
        // Every voter's own vote is recorded.
        foreach (var voter in voters.Take(5))
        {
            Assert.Equal("UP", (string?)(await Api.ProposalAsync(id, voter))!["viewerVote"]);
        }
    }

    [Fact]
    public async Task Members_changing_and_adding_votes_at_once_keep_the_tallies_equal_to_the_votes()
    {
        var id = (string)(await Api.ProposeAsync(Api.SignIn("Author"), "rest-api-design", "SENIOR", "ADVANCED"))["id"]!;
        var early = Enumerable.Range(1, 20).Select(i => Api.SignIn($"Early{i:00}")).ToList();
        await AllAtOnceAsync(early.Select(v => (Vote, (object)new { input = new { proposalId = id, value = "UP" } }, v.Token)));
        var late = Enumerable.Range(1, 20).Select(i => Api.SignIn($"Late{i:00}")).ToList();

        // 10 early voters switch to DOWN, 5 take their vote back, 20 new members vote UP: all at once.
        var requests = early.Take(10).Select(v => (Vote, (object)new { input = new { proposalId = id, value = "DOWN" } }, v.Token))
            .Concat(early.Skip(10).Take(5).Select(v => (Vote, (object)new { input = new { proposalId = id, value = (string?)null } }, v.Token)))
            .Concat(late.Select(v => (Vote, (object)new { input = new { proposalId = id, value = "UP" } }, v.Token)));
        var replies = await AllAtOnceAsync(requests);

        Assert.All(replies, reply => CommunityApi.AssertNoErrors(Payload(reply, "voteOnProposal")));
        var read = (await Api.ProposalAsync(id))!;
        // UP: 5 early ones kept + 20 late = 25; DOWN: 10.
        Assert.Equal((15, 25, 10), ((int)read["score"]!, (int)read["upVotes"]!, (int)read["downVotes"]!));
    }

    [Fact]
    public async Task Two_experts_accepting_the_same_proposal_at_once_change_the_catalog_once()
    {
        foreach (var (skill, level) in new[] { ("api-versioning-strategies", "JUNIOR"), ("api-versioning-strategies", "MIDDLE"), ("api-versioning-strategies", "SENIOR"),
                     ("rate-limiting-throttling", "JUNIOR"), ("rate-limiting-throttling", "MIDDLE") })
        {
            var id = (string)(await Api.ProposeAsync(Api.SignIn("Author"), skill, level, "EXPERT"))["id"]!;
            var before = await Api.RoleStateAsync(skill, level);
            var experts = new[] { Api.SignIn("Expert1", expert: true), Api.SignIn("Expert2", expert: true) };

            var replies = await AllAtOnceAsync(experts.Select(e => (Review, (object)new { input = new { proposalId = id, decision = "ACCEPT" } }, e.Token)));

            var payloads = replies.Select(r => Payload(r, "reviewProposal")).ToList();
            var succeeded = payloads.Where(p => p["errors"] is null).ToList();
            var refused = payloads.Where(p => p["errors"] is not null).ToList();
            Assert.Single(succeeded);
            Assert.Single(refused);
            Assert.Equal("ACCEPTED", (string?)succeeded[0]["proposal"]!["status"]);
            Assert.Null(refused[0]["proposal"]);
            Assert.Equal("ConflictError", ErrorType(refused[0]));

            var after = await Api.RoleStateAsync(skill, level);
            Assert.Equal(("EXPERT", before.Version + 1, before.Changes.Count + 1), (after.Proficiency, after.Version, after.Changes.Count));
            Assert.Single(after.Changes, c => c.ProposalId == id);
        }
    }

    [Fact]
    public async Task Accepting_two_proposals_on_the_same_cell_at_once_applies_one_and_refuses_the_other()
    {
        // rabbitmq is A W A E E; both proposals of a pair start from today's value.
        foreach (var (level, targets) in new[] { ("JUNIOR", new[] { "EXPERT", "ADVANCED" }), ("MIDDLE", ["EXPERT", "ADVANCED"]), ("SENIOR", ["EXPERT", "WORKING"]) })
        {
            var proposals = new List<(string To, string Id)>();
            foreach (var to in targets)
            {
                proposals.Add((to, (string)(await Api.ProposeAsync(Api.SignIn("Author"), "rabbitmq", level, to))["id"]!));
            }

            var before = await Api.RoleStateAsync("rabbitmq", level);

            var replies = await AllAtOnceAsync(proposals.Select(p =>
                (Review, (object)new { input = new { proposalId = p.Id, decision = "ACCEPT" } }, Api.SignIn("Expert", expert: true).Token)));

            var payloads = replies.Select(r => Payload(r, "reviewProposal")).ToList();
            var winner = Assert.Single(payloads, p => p["errors"] is null);
            var loser = Assert.Single(payloads, p => p["errors"] is not null);
            Assert.Equal("ConflictError", ErrorType(loser));
            var applied = proposals.Single(p => p.Id == (string?)winner["proposal"]!["id"]);
            var refused = proposals.Single(p => p.Id != applied.Id);

            var after = await Api.RoleStateAsync("rabbitmq", level);
            Assert.Equal((applied.To, before.Version + 1), (after.Proficiency, after.Version));
            Assert.Equal(applied.Id, after.Changes[0].ProposalId);
            Assert.DoesNotContain(after.Changes, c => c.ProposalId == refused.Id);
            Assert.Equal("OPEN", (string?)(await Api.ProposalAsync(refused.Id))!["status"]);
        }
    }

    [Fact]
    public async Task An_accept_racing_a_reject_decides_once_and_the_catalog_agrees()
    {
        // api-documentation is A W A E E: each proposal changes its cell to something else.
        var skill = "api-documentation";
        foreach (var (level, to) in new[] { ("JUNIOR", "EXPERT"), ("MIDDLE", "EXPERT"), ("SENIOR", "EXPERT"), ("LEAD_STAFF", "AWARENESS"), ("PRINCIPAL", "AWARENESS") })
        {
            var id = (string)(await Api.ProposeAsync(Api.SignIn("Author"), skill, level, to))["id"]!;
            var before = await Api.RoleStateAsync(skill, level);

            var replies = await AllAtOnceAsync(new[] { "ACCEPT", "REJECT" }.Select(d =>
                (Review, (object)new { input = new { proposalId = id, decision = d } }, Api.SignIn("Expert", expert: true).Token)));

            Assert.Single(replies, r => Payload(r, "reviewProposal")["errors"] is null);
            var status = (string?)(await Api.ProposalAsync(id))!["status"];
            var after = await Api.RoleStateAsync(skill, level);
            if (status == "ACCEPTED")
            {
                Assert.Equal((to, before.Version + 1), (after.Proficiency, after.Version));
            }
            else
            {
                Assert.Equal("REJECTED", status);
                Assert.Equal((before.Proficiency, before.Version), (after.Proficiency, after.Version));
            }
        }
    }

    [Fact]
    public async Task Votes_racing_a_withdrawal_end_consistent_every_time()
    {
        const int Proposals = 20;
        var cases = new List<(string Id, Person Author, Person[] Voters)>();
        var skills = new[] { "graphql-design", "websocket-api-design", "grpc-protocol-buffers", "api-testing" };
        var levels = new[] { "JUNIOR", "MIDDLE", "SENIOR", "LEAD_STAFF", "PRINCIPAL" };
        for (var i = 0; i < Proposals; i++)
        {
            var author = Api.SignIn("Author");
            var id = (string)(await Api.ProposeAsync(author, skills[i % skills.Length], levels[i / skills.Length], proficiency: null))["id"]!;
            cases.Add((id, author, [Api.SignIn("V1"), Api.SignIn("V2"), Api.SignIn("V3")]));
        }

        // For every proposal its author withdraws while three members vote: 80 requests at once.
        var requests = cases.SelectMany(c => c.Voters.Select(v => (Vote, (object)new { input = new { proposalId = c.Id, value = "UP" } }, v.Token))
            .Prepend((Withdraw, new { input = new { proposalId = c.Id } }, c.Author.Token))).ToList();
        var replies = await AllAtOnceAsync(requests);

        for (var i = 0; i < Proposals; i++)
        {
            var (id, _, voters) = cases[i];
            var withdrawn = Payload(replies[i * 4], "withdrawProposal");
            CommunityApi.AssertNoErrors(withdrawn); // nothing else closes it: the withdrawal always succeeds
            Assert.Equal("WITHDRAWN", (string?)withdrawn["proposal"]!["status"]);

            var votes = replies.Skip(i * 4 + 1).Take(3).Select(r => Payload(r, "voteOnProposal")).ToList();
            Assert.All(votes, v => Assert.True(v["errors"] is null || ErrorType(v) == "NotAllowedError", v.ToJsonString()));
            var counted = votes.Count(v => v["errors"] is null);

            var read = (await Api.ProposalAsync(id))!;
            Assert.Equal("WITHDRAWN", (string?)read["status"]);
            Assert.Equal((counted, counted, 0), ((int)read["upVotes"]!, (int)read["score"]!, (int)read["downVotes"]!));
            for (var v = 0; v < voters.Length; v++)
            {
                // A counted vote is kept after the withdrawal; a refused one left no row.
                Assert.Equal(votes[v]["errors"] is null ? "UP" : null, (string?)(await Api.ProposalAsync(id, voters[v]))!["viewerVote"]);
            }
        }
    }

    [Fact]
    public async Task The_same_suggestion_sent_twice_at_once_makes_one_proposal()
    {
        var author = Api.SignIn("Hasty");
        var count = await Api.ProposalCountAsync();
        const string Suggest = "mutation($input: SuggestChangeInput!) { suggestChange(input: $input) { proposal { id } errors { __typename } } }";
        var input = new { input = new { roleSlug = CommunityApi.Role, skill = "redis", level = "LEAD_STAFF", proficiency = "ADVANCED", title = "Twice", rationale = "At once." } };

        var replies = await AllAtOnceAsync(Enumerable.Repeat((Suggest, (object)input, author.Token), 4));

        var payloads = replies.Select(r => Payload(r, "suggestChange")).ToList();
        Assert.Single(payloads, p => p["errors"] is null);
        Assert.All(payloads.Where(p => p["errors"] is not null), p => Assert.Equal("ConflictError", ErrorType(p)));
        Assert.Equal(count + 1, await Api.ProposalCountAsync());
    }

    [Fact]
    public async Task Watching_at_once_from_many_requests_is_still_one_watch_per_member()
    {
        var member = Api.SignIn("Eager");
        var others = Enumerable.Range(1, 10).Select(i => Api.SignIn($"Crowd{i}")).ToList();
        var before = (int)(await Api.DataAsync($$"""{ role(slug: "{{CommunityApi.Role}}") { watcherCount } }"""))["role"]!["watcherCount"]!;
        const string Watch = "mutation($input: WatchRoleInput!) { watchRole(input: $input) { role { watcherCount } errors { __typename } } }";
        var input = new { input = new { roleSlug = CommunityApi.Role } };

        var replies = await AllAtOnceAsync(Enumerable.Repeat(member, 5).Concat(others).Select(m => (Watch, (object)input, m.Token)));

        Assert.All(replies, reply => CommunityApi.AssertNoErrors(Payload(reply, "watchRole")));
        var after = await Api.DataAsync($$"""{ role(slug: "{{CommunityApi.Role}}") { watcherCount viewerIsWatching } }""", token: member.Token);
        Assert.Equal(before + 11, (int)after["role"]!["watcherCount"]!);
        Assert.True((bool)after["role"]!["viewerIsWatching"]!);
    }
}
