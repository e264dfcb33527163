using System.Text;
using System.Text.Json.Nodes;

namespace SkillMatrix.Host.Tests.Community;

/// <summary>
/// The proposals connection's filters and order, Role.proposals, and node(id:) of a proposal, over a fixed set of
/// proposals on two roles made once for the class.
/// </summary>
public abstract class ProposalQueryTests(ProposalQueryTests.Proposals fixture)
{
    public sealed class OnSqlite(SqliteProposals proposals) : ProposalQueryTests(proposals), IClassFixture<SqliteProposals>;

    public sealed class OnPostgreSql(PostgreSqlProposals proposals) : ProposalQueryTests(proposals), IClassFixture<PostgreSqlProposals>;

    public sealed class SqliteProposals() : Proposals(new TwoRolesHost());

    public sealed class PostgreSqlProposals() : Proposals(new PostgreSqlHost<TwoRolesHost>());

    private const string Other = TwoRolesHost.OtherRole;

    /// <summary>
    /// Seven proposals: Alice's three (one of them on the second role), Bob's two, Carol's two; scores from votes;
    /// one withdrawn, one in review, one rejected.
    /// </summary>
    public abstract class Proposals(HostFixture host) : IAsyncLifetime
    {
        internal CommunityApi Api { get; private set; } = null!;

        internal Dictionary<string, string> Ids { get; } = [];

        public async Task InitializeAsync()
        {
            await host.InitializeAsync();
            Api = new CommunityApi(host.Host);
            var (alice, bob, carol) = (Api.SignIn("Alice"), Api.SignIn("Bob"), Api.SignIn("Carol"));
            var expert = Api.SignIn("Expert", expert: true);
            var voters = Enumerable.Range(1, 5).Select(i => Api.SignIn($"Voter{i}")).ToList();

            async Task AddAsync(string key, Person author, string skill, string level, string? to, string role = CommunityApi.Role, int up = 0, int down = 0)
            {
                var id = (string)(await Api.ProposeAsync(author, skill, level, to, title: key, role: role))["id"]!;
                Ids[key] = id;
                foreach (var voter in voters.Take(up))
                {
                    CommunityApi.AssertNoErrors(await Api.VoteAsync(voter, id, "UP"));
                }

                foreach (var voter in voters.Skip(up).Take(down))
                {
                    CommunityApi.AssertNoErrors(await Api.VoteAsync(voter, id, "DOWN"));
                }
            }

            await AddAsync("alice-1", alice, "redis", "JUNIOR", "WORKING", up: 1);             // score 1, OPEN
            await AddAsync("alice-2", alice, "redis", "MIDDLE", "ADVANCED", up: 2, down: 2);   // score 0, OPEN
            await AddAsync("alice-other", alice, "redis", "JUNIOR", "EXPERT", role: Other);    // score 0, OPEN, second role
            await AddAsync("bob-1", bob, "redis", "SENIOR", "EXPERT", up: 4);                   // score 4, IN_REVIEW
            await AddAsync("bob-2", bob, "mongodb", "JUNIOR", "WORKING", down: 2);              // score -2, OPEN
            await AddAsync("carol-1", carol, "mongodb", "MIDDLE", "ADVANCED", up: 2);          // score 2, WITHDRAWN
            await AddAsync("carol-2", carol, "mongodb", "SENIOR", "EXPERT", down: 1);          // score -1, REJECTED
            CommunityApi.AssertNoErrors(await Api.WithdrawAsync(carol, Ids["carol-1"]));
            CommunityApi.AssertNoErrors(await Api.ReviewAsync(expert, Ids["carol-2"], "REJECT"));
        }

        public Task DisposeAsync() => host.DisposeAsync();
    }

    private CommunityApi Api => fixture.Api;

    private async Task<IReadOnlyList<string>> TitlesAsync(string arguments)
    {
        var data = await Api.DataAsync($"{{ proposals(first: 100{arguments}) {{ totalCount nodes {{ title }} }} }}");
        var nodes = data["proposals"]!["nodes"]!.AsArray().Select(n => (string)n!["title"]!).ToList();
        Assert.Equal(nodes.Count, (int)data["proposals"]!["totalCount"]!);
        return nodes;
    }

    [Fact]
    public async Task Without_arguments_every_proposal_is_listed_oldest_first()
    {
        Assert.Equal(["alice-1", "alice-2", "alice-other", "bob-1", "bob-2", "carol-1", "carol-2"], await TitlesAsync(""));
    }

    [Fact]
    public async Task Filter_by_status()
    {
        Assert.Equal(["alice-1", "alice-2", "alice-other", "bob-2"], await TitlesAsync(", where: { status: { eq: OPEN } }"));
        Assert.Equal(["bob-1"], await TitlesAsync(", where: { status: { eq: IN_REVIEW } }"));
        Assert.Equal(["carol-1"], await TitlesAsync(", where: { status: { eq: WITHDRAWN } }"));
        Assert.Equal(["carol-2"], await TitlesAsync(", where: { status: { eq: REJECTED } }"));
        Assert.Equal(["bob-1", "carol-1", "carol-2"], await TitlesAsync(", where: { status: { nin: [OPEN] } }"));
    }

    [Fact]
    public async Task Filter_by_role_slug()
    {
        Assert.Equal(["alice-other"], await TitlesAsync($$""", where: { roleSlug: { eq: "{{Other}}" } }"""));
        Assert.Equal(6, (await TitlesAsync($$""", where: { roleSlug: { eq: "{{CommunityApi.Role}}" } }""")).Count);
        Assert.Empty(await TitlesAsync(""", where: { roleSlug: { eq: "no-such-role" } }"""));
    }

    [Fact]
    public async Task Filter_by_author_name()
    {
        Assert.Equal(["alice-1", "alice-2", "alice-other"], await TitlesAsync(""", where: { author: { name: { eq: "Alice" } } }"""));
        Assert.Equal(["bob-1", "bob-2"], await TitlesAsync(""", where: { author: { name: { eq: "Bob" } } }"""));
        Assert.Empty(await TitlesAsync(""", where: { author: { name: { eq: "alice" } } }"""));
        Assert.Equal(3, (await TitlesAsync(""", where: { author: { name: { ieq: "alice" } } }""")).Count);
    }

    [Fact]
    public async Task Filters_combine()
    {
        Assert.Equal(["alice-1", "alice-2"], await TitlesAsync(
            $$""", where: { status: { eq: OPEN }, roleSlug: { eq: "{{CommunityApi.Role}}" }, author: { name: { eq: "Alice" } } }"""));
        Assert.Equal(["bob-1", "carol-1"], await TitlesAsync(", where: { score: { gte: 2 } }"));
    }

    [Fact]
    public async Task Order_by_score_descending_ties_by_key()
    {
        Assert.Equal(["bob-1", "carol-1", "alice-1", "alice-2", "alice-other", "carol-2", "bob-2"], await TitlesAsync(", order: [{ score: DESC }]"));
        Assert.Equal(["bob-2", "carol-2", "alice-2", "alice-other", "alice-1", "carol-1", "bob-1"], await TitlesAsync(", order: [{ score: ASC }]"));
    }

    [Fact]
    public async Task Order_by_score_pages_with_cursors()
    {
        var first = await Api.DataAsync("{ proposals(first: 3, order: [{ score: DESC }]) { nodes { title score } pageInfo { endCursor hasNextPage } } }");
        var after = (string)first["proposals"]!["pageInfo"]!["endCursor"]!;
        var rest = await Api.DataAsync("query($after: String) { proposals(first: 10, after: $after, order: [{ score: DESC }]) { nodes { title } pageInfo { hasNextPage } } }", new { after });

        var titles = first["proposals"]!["nodes"]!.AsArray().Concat(rest["proposals"]!["nodes"]!.AsArray()).Select(n => (string?)n!["title"]);
        Assert.Equal(["bob-1", "carol-1", "alice-1", "alice-2", "alice-other", "carol-2", "bob-2"], titles);
        Assert.False((bool)rest["proposals"]!["pageInfo"]!["hasNextPage"]!);
    }

    [Fact]
    public async Task Role_proposals_lists_only_that_roles_proposals()
    {
        var data = await Api.DataAsync($$"""
            {
              main: role(slug: "{{CommunityApi.Role}}") { proposals(first: 100) { totalCount nodes { title roleSlug role { slug } } } }
              other: role(slug: "{{Other}}") { proposals(first: 100) { totalCount nodes { title roleSlug role { slug } } } }
            }
            """);

        var main = data["main"]!["proposals"]!;
        Assert.Equal(6, (int)main["totalCount"]!);
        Assert.All(main["nodes"]!.AsArray(), n => Assert.Equal(CommunityApi.Role, (string?)n!["role"]!["slug"]));
        Assert.DoesNotContain("alice-other", main["nodes"]!.AsArray().Select(n => (string?)n!["title"]));
        var other = data["other"]!["proposals"]!;
        Assert.Equal(1, (int)other["totalCount"]!);
        Assert.Equal(("alice-other", Other, Other), ((string?)other["nodes"]![0]!["title"], (string?)other["nodes"]![0]!["roleSlug"], (string?)other["nodes"]![0]!["role"]!["slug"]));
    }

    [Fact]
    public async Task Role_proposals_take_where_and_order_too()
    {
        var data = await Api.DataAsync($$"""
            { role(slug: "{{CommunityApi.Role}}") { proposals(where: { status: { eq: OPEN } }, order: [{ score: DESC }]) { nodes { title } } } }
            """);

        Assert.Equal(["alice-1", "alice-2", "bob-2"], data["role"]!["proposals"]!["nodes"]!.AsArray().Select(n => (string?)n!["title"]));
    }

    [Fact]
    public async Task Node_fetches_a_proposal_by_its_id()
    {
        var id = fixture.Ids["bob-1"];

        var data = await Api.DataAsync("""
            query($id: ID!) { node(id: $id) { __typename id ... on Proposal { title status score author { name } role { slug } } } }
            """, new { id });

        var node = data["node"]!;
        Assert.Equal(("Proposal", id, "bob-1", "IN_REVIEW", 4, "Bob", CommunityApi.Role),
            ((string?)node["__typename"], (string?)node["id"], (string?)node["title"], (string?)node["status"], (int)node["score"]!,
                (string?)node["author"]!["name"], (string?)node["role"]!["slug"]));

        var nodes = await Api.DataAsync("query($ids: [ID!]!) { nodes(ids: $ids) { id } }", new { ids = new[] { fixture.Ids["alice-1"], fixture.Ids["carol-2"] } });
        Assert.Equal([fixture.Ids["alice-1"], fixture.Ids["carol-2"]], nodes["nodes"]!.AsArray().Select(n => (string?)n!["id"]));
    }

    [Fact]
    public async Task Node_of_an_unknown_proposal_is_null()
    {
        var reply = await Api.SendAsync("query($id: ID!) { node(id: $id) { id } }", new { id = Convert.ToBase64String(Encoding.UTF8.GetBytes("Proposal:424242")) });

        Assert.Null(reply.Data?["node"]);
        Assert.IsType<JsonArray>(reply.Body["errors"]);
    }
}
