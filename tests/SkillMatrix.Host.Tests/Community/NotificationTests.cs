using System.Net;
using Platform.Server.Security;

namespace SkillMatrix.Host.Tests.Community;

/// <summary>
/// Watchers of a role and a proposal's author hear of its creation, status changes and comments, except of what
/// they did themselves; myNotifications is newest first and the viewer's own.
/// </summary>
public abstract class NotificationTests(HostFixture fixture)
{
    public sealed class OnSqlite(SignedInHost host) : NotificationTests(host), IClassFixture<SignedInHost>;

    public sealed class OnPostgreSql(PostgreSqlHost<SignedInHost> host) : NotificationTests(host), IClassFixture<PostgreSqlHost<SignedInHost>>;

    private CommunityApi Api { get; } = new(fixture.Host);

    private async Task<IReadOnlyList<(string Kind, string ProposalId, DateTimeOffset At, string Id)>> NotificationsAsync(Person member)
    {
        var data = await Api.DataAsync("{ myNotifications(first: 100) { totalCount nodes { id kind createdAt proposal { id } } } }", token: member.Token);
        var connection = data["myNotifications"]!;
        var nodes = connection["nodes"]!.AsArray();
        Assert.Equal(nodes.Count, (int)connection["totalCount"]!);
        return nodes.Select(n => ((string)n!["kind"]!, (string)n["proposal"]!["id"]!, DateTimeOffset.Parse((string)n["createdAt"]!, System.Globalization.CultureInfo.InvariantCulture), (string)n["id"]!)).ToList();
    }

    private async Task<IReadOnlyList<string>> KindsAsync(Person member, string proposalId) =>
        (await NotificationsAsync(member)).Where(n => n.ProposalId == proposalId).Select(n => n.Kind).ToList();

    [Fact]
    public async Task Watchers_and_the_author_hear_of_each_step_but_not_of_their_own()
    {
        var (author, watcher, bystander) = (Api.SignIn("Author"), Api.SignIn("Watcher"), Api.SignIn("Bystander"));
        var voters = new[] { Api.SignIn("V1"), Api.SignIn("V2"), Api.SignIn("V3") };
        var expert = Api.SignIn("Expert", expert: true);
        await Api.WatchAsync(watcher);
        await Api.WatchAsync(author); // the author watches too: one notification each time, not two

        var id = (string)(await Api.ProposeAsync(author, "elk-stack", "MIDDLE", "ADVANCED"))["id"]!;
        CommunityApi.AssertNoErrors(await Api.CommentAsync(watcher, id, "Makes sense."));
        CommunityApi.AssertNoErrors(await Api.CommentAsync(author, id, "Thanks."));
        foreach (var voter in voters)
        {
            CommunityApi.AssertNoErrors(await Api.VoteAsync(voter, id, "UP")); // the third moves it to IN_REVIEW
        }

        CommunityApi.AssertNoErrors(await Api.ReviewAsync(expert, id, "ACCEPT"));

        // Newest first.
        Assert.Equal(["PROPOSAL_STATUS_CHANGED", "PROPOSAL_STATUS_CHANGED", "PROPOSAL_COMMENTED"], await KindsAsync(author, id));
        Assert.Equal(["PROPOSAL_STATUS_CHANGED", "PROPOSAL_STATUS_CHANGED", "PROPOSAL_COMMENTED", "PROPOSAL_CREATED"], await KindsAsync(watcher, id));
        foreach (var nobody in voters.Append(expert).Append(bystander))
        {
            Assert.Empty(await KindsAsync(nobody, id));
        }
    }

    [Fact]
    public async Task The_authors_own_withdrawal_and_comment_notify_only_the_watchers()
    {
        var (author, watcher) = (Api.SignIn("Author"), Api.SignIn("Watcher"));
        await Api.WatchAsync(watcher);
        var id = (string)(await Api.ProposeAsync(author, "elk-stack", "SENIOR", "EXPERT"))["id"]!;

        await Api.CommentAsync(author, id, "On second thought...");
        CommunityApi.AssertNoErrors(await Api.WithdrawAsync(author, id));

        Assert.Empty(await KindsAsync(author, id));
        Assert.Equal(["PROPOSAL_STATUS_CHANGED", "PROPOSAL_COMMENTED", "PROPOSAL_CREATED"], await KindsAsync(watcher, id));
    }

    [Fact]
    public async Task A_rejection_notifies_the_author_and_a_member_who_stopped_watching_hears_no_more()
    {
        var (author, watcher) = (Api.SignIn("Author"), Api.SignIn("Watcher"));
        await Api.WatchAsync(watcher);
        var id = (string)(await Api.ProposeAsync(author, "elk-stack", "JUNIOR", "WORKING"))["id"]!;
        await Api.UnwatchAsync(watcher);

        CommunityApi.AssertNoErrors(await Api.ReviewAsync(Api.SignIn("Expert", expert: true), id, "REJECT"));

        Assert.Equal(["PROPOSAL_STATUS_CHANGED"], await KindsAsync(author, id));
        Assert.Equal(["PROPOSAL_CREATED"], await KindsAsync(watcher, id));
    }

    [Fact]
    public async Task MyNotifications_is_newest_first_across_proposals()
    {
        var watcher = Api.SignIn("Reader");
        await Api.WatchAsync(watcher);
        var ids = new List<string>();
        foreach (var skill in new[] { "prometheus-grafana", "opentelemetry", "structured-logging" })
        {
            ids.Add((string)(await Api.ProposeAsync(Api.SignIn("Author"), skill, "JUNIOR", "WORKING"))["id"]!);
        }

        var mine = await NotificationsAsync(watcher);

        Assert.Equal(Enumerable.Reverse(ids), mine.Select(n => n.ProposalId));
        Assert.All(mine, n => Assert.Equal("PROPOSAL_CREATED", n.Kind));
        Assert.Equal(mine.OrderByDescending(n => n.At).Select(n => n.Id), mine.Select(n => n.Id));

        // Paging keeps the order.
        var first = await Api.DataAsync("{ myNotifications(first: 2) { nodes { proposal { id } } pageInfo { endCursor hasNextPage } } }", token: watcher.Token);
        var after = (string)first["myNotifications"]!["pageInfo"]!["endCursor"]!;
        var second = await Api.DataAsync("query($after: String) { myNotifications(first: 2, after: $after) { nodes { proposal { id } } pageInfo { hasNextPage } } }",
            new { after }, watcher.Token);
        Assert.Equal(Enumerable.Reverse(ids),
            first["myNotifications"]!["nodes"]!.AsArray().Concat(second["myNotifications"]!["nodes"]!.AsArray()).Select(n => (string?)n!["proposal"]!["id"]));
        Assert.False((bool)second["myNotifications"]!["pageInfo"]!["hasNextPage"]!);
    }

    [Fact]
    public async Task A_refused_mutation_notifies_nobody()
    {
        var (author, watcher) = (Api.SignIn("Author"), Api.SignIn("Watcher"));
        await Api.WatchAsync(watcher);
        var id = (string)(await Api.ProposeAsync(author, "sli-slo-sla", "JUNIOR", "WORKING"))["id"]!;

        CommunityApi.AssertError(await Api.CommentAsync(watcher, id, ""), "ValidationError", "comment");
        CommunityApi.AssertError(await Api.WithdrawAsync(watcher, id), "NotAllowedError");

        Assert.Empty(await KindsAsync(author, id));
        Assert.Equal(["PROPOSAL_CREATED"], await KindsAsync(watcher, id));
    }

    [Fact]
    public async Task Anonymous_myNotifications_is_not_authenticated()
    {
        var json = await Api.SendAsync("{ myNotifications { totalCount } }");
        var graphqlResponse = await Api.SendAsync("{ myNotifications { totalCount } }", graphqlResponse: true);

        Assert.True(json.Status == HttpStatusCode.OK, json.ToString());
        Assert.Equal([AuthorizationErrorCodes.NotAuthenticated], json.ErrorCodes);
        Assert.Null(json.Data?["myNotifications"]);
        Assert.True(graphqlResponse.Status == HttpStatusCode.Unauthorized, graphqlResponse.ToString());
        Assert.Equal([AuthorizationErrorCodes.NotAuthenticated], graphqlResponse.ErrorCodes);
    }

    [Fact]
    public async Task Another_members_notification_is_null_by_id()
    {
        var (author, watcher) = (Api.SignIn("Author"), Api.SignIn("Watcher"));
        await Api.WatchAsync(watcher);
        var id = (string)(await Api.ProposeAsync(author, "sli-slo-sla", "MIDDLE", "ADVANCED"))["id"]!;
        var notification = (await NotificationsAsync(watcher)).Single(n => n.ProposalId == id).Id;
        const string Query = "query($id: ID!) { node(id: $id) { __typename id ... on Notification { kind proposal { id } } } }";

        var own = await Api.DataAsync(Query, new { id = notification }, watcher.Token);
        Assert.Equal("Notification", (string?)own["node"]!["__typename"]);
        Assert.Equal(id, (string?)own["node"]!["proposal"]!["id"]);

        var others = await Api.SendAsync(Query, new { id = notification }, author.Token);
        Assert.True(others.Status == HttpStatusCode.OK, others.ToString());
        Assert.Null(others.Data?["node"]);

        var anonymous = await Api.SendAsync(Query, new { id = notification });
        Assert.True(anonymous.Status == HttpStatusCode.OK, anonymous.ToString());
        Assert.Null(anonymous.Data?["node"]);
    }
}
