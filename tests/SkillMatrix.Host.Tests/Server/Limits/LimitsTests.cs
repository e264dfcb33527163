using System.Globalization;
using System.Net;

namespace SkillMatrix.Host.Tests.Server.Limits;

/// <summary>
/// The query limits over the real Host and its seeded catalog: what a client needs passes (the full matrix of a role,
/// a dashboard page, the README's examples), and what would touch millions of rows is refused before any SQL runs.
/// </summary>
public sealed class LimitsTests(SeededHost fixture) : IClassFixture<SeededHost>
{
    private TestHost Host => fixture.Host;

    public const string FullMatrix = """
        { role(slug: "backend-developer-python") { name family { name } levels { level { key name rank } focus techStack }
          matrix { domain { name } skills { skill { name } cells { level { key } proficiency mandatory } } }
          stats { skillCount requirementCount mandatoryCount } } }
        """;

    public const string Dashboard = """
        { roles(first: 20) { nodes { name stats { skillCount requirementCount mandatoryCount byLevel { level { key } mandatoryCount } } watcherCount } }
          proposals(first: 20) { nodes { title status score } } }
        """;

    public static readonly TheoryData<string, string, long> Needed = new()
    {
        { "full matrix", FullMatrix, 1843 },
        { "dashboard", Dashboard, 262 },
        {
            "README: paging", """
            { skills(first: 3, where: { or: [{ name: { icontains: "api" } }, { domain: { name: { eq: "Security" } } }] },
                     order: [{ domain: { name: ASC } }, { name: DESC }]) {
                totalCount edges { cursor node { name domain { name } } } pageInfo { hasNextPage endCursor } } }
            """, 11
        },
        {
            "README: projection", """
            { role(slug: "backend-developer-python") {
                requirements(where: { and: [{ level: { key: { eq: "PRINCIPAL" } } }, { skill: { domain: { slug: { eq: "security" } } } }] },
                             order: [{ skill: { name: ASC } }]) { skill { name } proficiency mandatory } } }
            """, 721
        },
        { "README: one statement for a page of roles", "{ roles(first: 10) { nodes { levels { requirements { skill { domain { name } } } } } } }", 11311 },
        {
            "README: grade calculator", """
            { estimateGrade(input: { roleSlug: "backend-developer-python",
                                     ratings: [{ skill: "rest-api-design", proficiency: WORKING }, { skill: "docker", proficiency: EXPERT }] }) {
                level { key } nextLevel { key } levels { level { key } reached coverage mandatoryCoverage }
                gaps { skill { name } required current mandatory steps } } }
            """, 163
        },
        { "README: changes", "{ role(slug: \"backend-developer-python\") { version changes { summary proposalId } } }", 51 },
    };

    [Theory]
    [MemberData(nameof(Needed))]
    public async Task What_clients_need_passes_and_reports_its_cost(string what, string query, long cost)
    {
        var reply = await Host.Anonymous().CostedQueryAsync(query);

        reply.AssertNoErrors();
        Assert.True(reply.Cost == cost, $"{what}: {reply.Cost}");
        Assert.Equal(25_000, (int)reply.Body["extensions"]!["cost"]!["maxQueryCost"]!);
    }

    [Theory]
    [InlineData("{ roles(first: 100) { nodes { matrix { skills { cells { level { key } } } } } } }")]
    [InlineData("{ roles(first: 100) { nodes { requirements { skill { requirements { role { name } } } } } } }")]
    [InlineData("{ families { roles { requirements { skill { requirements { level { name } } } } } } }")]
    public async Task A_query_that_would_touch_millions_of_rows_is_refused_before_any_SQL(string query)
    {
        var client = Host.Anonymous();
        await client.CostedQueryAsync("{ levels { key } }");
        Host.Statements.Clear();

        var reply = await client.CostedQueryAsync(query);

        reply.AssertRefused(HttpStatusCode.BadRequest, "COST_EXCEEDED");
        Assert.Null(reply.Body["data"]);
        Assert.True((long)reply.Extensions()!["requestedQueryCost"]! > 25_000, reply.ToString());
        Assert.Equal(25_000, (int)reply.Extensions()!["maxQueryCost"]!);
        Assert.Empty(Host.Statements.Statements);
    }

    [Fact]
    public async Task GraphQL_Cost_MaxQueryCost_lowers_the_limit_and_the_full_matrix_is_then_refused()
    {
        await using var strict = await TestHost.Start().WithCostLimit(1000).BuildAsync();

        var reply = await strict.Anonymous().CostedQueryAsync(FullMatrix);

        reply.AssertRefused(HttpStatusCode.BadRequest, "COST_EXCEEDED");
        Assert.Equal(1843, (long)reply.Extensions()!["requestedQueryCost"]!);
        Assert.Equal(1000, (int)reply.Extensions()!["maxQueryCost"]!);
        (await strict.Anonymous().CostedQueryAsync("{ levels { key } }")).AssertNoErrors();
    }

    [Fact]
    public async Task A_page_past_100_is_still_PAGE_SIZE_EXCEEDED()
    {
        var reply = await Host.Anonymous().CostedQueryAsync("{ roles(first: 101) { nodes { name } } }");

        Assert.Contains("PAGE_SIZE_EXCEEDED", reply.ErrorCodes);
        Assert.Equal(100, (int)reply.Extensions()!["maxPageSize"]!);
    }

    [Fact]
    public async Task Depth_past_12_is_refused()
    {
        // role (1) > family (2) > roles (3) > family (4) ... > name (13)
        var query = "{ role(slug: \"backend-developer-python\") { family { roles { family { roles { family { roles { family { roles { family { roles { family { name } } } } } } } } } } } } }";

        (await Host.Anonymous().CostedQueryAsync(query)).AssertRefused(HttpStatusCode.BadRequest, "DEPTH_EXCEEDED");
    }

    [Fact]
    public async Task Suggestions_are_not_sent_outside_development()
    {
        var reply = await Host.Anonymous().CostedQueryAsync("{ rol(slug: \"x\") { name } }");

        reply.AssertRefused(HttpStatusCode.BadRequest, "FIELDS_ON_CORRECT_TYPE");
        Assert.DoesNotContain("Did you mean", reply.Body.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Introspection_is_on_by_default_and_can_be_switched_off()
    {
        (await Host.Anonymous().CostedQueryAsync("{ __schema { types { name fields { name type { name ofType { name } } } } } }")).AssertNoErrors();

        await using var closed = await TestHost.Start().WithSetting("GraphQL:Introspection", "false").BuildAsync();
        var client = closed.Anonymous();
        (await client.CostedQueryAsync("{ __schema { queryType { name } } }")).AssertRefused(HttpStatusCode.BadRequest, "INTROSPECTION_DISABLED");
        (await client.CostedQueryAsync("{ __type(name: \"Role\") { name } }")).AssertRefused(HttpStatusCode.BadRequest, "INTROSPECTION_DISABLED");
        (await client.CostedQueryAsync("{ __typename role(slug: \"backend-developer-python\") { __typename name } }")).AssertNoErrors();
    }
}

/// <summary>Rate limiting, mutation cost, timeout and error masking over the real Host with a signed-in member.</summary>
public sealed class LimitsSignedInTests
{
    private static TestHostBuilder SignedIn() => TestHost.Start().WithSignIn().WithViewerFields().WithSchemaSlice<LimitsTestSlice>();

    [Fact]
    public async Task Each_member_spends_its_own_points_and_then_gets_429_with_Retry_After()
    {
        await using var host = await SignedIn().WithRateLimit(3000).BuildAsync();
        var client = host.Anonymous();
        var alice = host.IssueToken("alice", "alice");

        (await client.CostedQueryAsync(LimitsTests.FullMatrix, alice)).AssertNoErrors();
        var refused = await client.CostedQueryAsync(LimitsTests.FullMatrix, alice);

        refused.AssertRefused(HttpStatusCode.TooManyRequests, "RATE_LIMITED");
        Assert.Null(refused.Body["data"]);
        var retryAfter = refused.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter!.Value.TotalSeconds, 1, 60);
        Assert.Equal(1843, (int)refused.Extensions()!["cost"]!);
        Assert.Equal(3000, (int)refused.Extensions()!["pointsPerMinute"]!);

        // Bob has his own points; Alice can still afford something small.
        (await client.CostedQueryAsync(LimitsTests.FullMatrix, host.IssueToken("bob", "bob"))).AssertNoErrors();
        (await client.CostedQueryAsync("{ levels { key } }", alice)).AssertNoErrors();
    }

    [Fact]
    public async Task Every_charged_answer_says_the_budget_what_is_left_and_when_it_is_full_again()
    {
        await using var host = await SignedIn().WithRateLimit(6000).BuildAsync();
        var client = host.Anonymous();
        var alice = host.IssueToken("alice", "alice");

        var first = await client.CostedQueryAsync(LimitsTests.FullMatrix, alice);
        var second = await client.CostedQueryAsync(LimitsTests.FullMatrix, alice);
        var third = await client.CostedQueryAsync(LimitsTests.FullMatrix, alice);
        var refused = await client.CostedQueryAsync(LimitsTests.FullMatrix, alice);

        Assert.Equal("6000", Header(first, "RateLimit-Limit"));
        // 6,000 a minute refills 100 a second: a point or two may come back between requests.
        Assert.InRange(int.Parse(Header(first, "RateLimit-Remaining"), CultureInfo.InvariantCulture), 6000 - 1843, 6000 - 1843 + 100);
        Assert.InRange(int.Parse(Header(second, "RateLimit-Remaining"), CultureInfo.InvariantCulture), 6000 - 2 * 1843, 6000 - 2 * 1843 + 200);
        Assert.InRange(int.Parse(Header(third, "RateLimit-Remaining"), CultureInfo.InvariantCulture), 6000 - 3 * 1843, 6000 - 3 * 1843 + 300);
        Assert.InRange(int.Parse(Header(third, "RateLimit-Reset"), CultureInfo.InvariantCulture), 50, 56);
        refused.AssertRefused(HttpStatusCode.TooManyRequests, "RATE_LIMITED");
        Assert.True(int.Parse(Header(refused, "RateLimit-Remaining"), CultureInfo.InvariantCulture) < 1843);
    }

    [Fact]
    public async Task The_default_budget_keeps_a_dashboard_open_for_a_few_clients_behind_one_address()
    {
        await using var host = await SignedIn().BuildAsync();
        var client = host.Anonymous();
        var token = host.IssueToken("dana", "dana");

        var matrix = await client.CostedQueryAsync(LimitsTests.FullMatrix, token);
        var page = await client.CostedQueryAsync(
            "{ roles(first: 10) { nodes { slug matrix { domain { name } skills { skill { name } cells { level { key } proficiency mandatory } } } } } }", token);
        var budget = int.Parse(Header(matrix, "RateLimit-Limit"), CultureInfo.InvariantCulture);

        // One full matrix a second and a page of ten roles with matrices every ten seconds, for a minute, four times over.
        var dashboardMinute = 60 * matrix.Cost!.Value + 6 * page.Cost!.Value;
        Assert.True(4 * dashboardMinute <= budget, $"a dashboard spends {dashboardMinute} points a minute; the budget is {budget}");
        // A flood is still refused by the cost of one request, whatever the budget.
        (await client.CostedQueryAsync(
            "{ roles(first: 100) { nodes { matrix { domain { name } skills { skill { name } cells { level { key } proficiency mandatory } } } } } }", token))
            .AssertRefused(HttpStatusCode.BadRequest, "COST_EXCEEDED");
    }

    private static string Header(GraphQLReply reply, string name) =>
        reply.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : throw new Xunit.Sdk.XunitException($"no {name}: {reply}");

    [Fact]
    public async Task Mutations_cost_more()
    {
        await using var host = await SignedIn().BuildAsync();

        var reply = await host.Anonymous().CostedQueryAsync(
            "mutation { watchRole(input: { roleSlug: \"backend-developer-python\" }) { role { name watcherCount } errors { __typename } } }",
            host.IssueToken("carol", "carol"));

        reply.AssertNoErrors();
        // 10 for the mutation, 1 for the payload, 1 for the role; the errors list (an abstract type) 50 × 1.
        Assert.Equal(10 + 1 + 1 + 50, reply.Cost);
    }

    [Fact]
    public async Task A_request_past_the_timeout_stops_its_SQL_and_answers_TIMEOUT()
    {
        await using var host = await SignedIn().WithExecutionTimeout(TimeSpan.FromMilliseconds(500)).BuildAsync();
        var client = host.Anonymous();
        await client.CostedQueryAsync("{ levels { key } }");

        var watch = System.Diagnostics.Stopwatch.StartNew();
        // The statement never ends by itself: an answer at all means the database stopped it.
        var reply = await client.CostedQueryAsync("{ endlessSql }").WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
        Assert.Contains("TIMEOUT", reply.ErrorCodes);
        Assert.True(reply.Status is HttpStatusCode.GatewayTimeout or HttpStatusCode.OK, reply.ToString());
    }

    [Fact]
    public async Task An_unexpected_exception_is_masked_with_a_trace_id()
    {
        await using var host = await SignedIn().BuildAsync();

        var reply = await host.Anonymous().CostedQueryAsync("{ explode levels { key } }");

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        var error = reply.Body["errors"]![0]!;
        Assert.Equal("Unexpected Execution Error", (string?)error["message"]);
        Assert.Equal("INTERNAL", (string?)error["extensions"]!["code"]);
        Assert.False(string.IsNullOrEmpty((string?)error["extensions"]!["traceId"]));
        Assert.DoesNotContain("hunter2", reply.Body.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("INVALID_OPERATION", reply.Body.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(5, reply.Body["data"]!["levels"]!.AsArray().Count);
    }
}
