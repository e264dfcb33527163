using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;

namespace SkillMatrix.Host.Tests.Community;

/// <summary>
/// Subscriptions end to end: a subscriber on a WebSocket (graphql-ws), a mutation by another member over HTTP, the event
/// with what a client cache needs. Events are published after commit only: a refused or rolled-back mutation publishes
/// nothing (proved by the next event being the next successful mutation's), and an accepted proposal announces its role's
/// change once, however many experts race to accept it.
/// </summary>
public sealed class LiveEventTests(LiveHost fixture) : IClassFixture<LiveHost>
{
    private const string Role = LiveHost.Role;

    private const string ProposalEvents = $$"""subscription { proposalChanged(roleSlug: "{{Role}}") { kind proposal { id status score upVotes title author { name } } } }""";

    private const string RoleEvents = $$"""subscription { roleChanged(slug: "{{Role}}") { version change { version summary proposalId } role { slug version stats { requirementCount } } } }""";

    private CommunityApi Api { get; } = new(fixture.Host);

    private TestHost Host => fixture.Host;

    private async Task<string> ProposeAsync(Person author, string skill, string level, string proficiency, string title = "Raise it") =>
        (string)(await Api.ProposeAsync(author, skill, level, proficiency, title, Role))["id"]!;

    private static async Task<JsonNode> EventAsync(GraphQLWebSocket client, string id, string field) => (await client.NextDataAsync(id))[field]!;

    [Fact]
    public async Task A_subscriber_hears_each_step_of_a_proposal_with_its_status_and_score()
    {
        await using var client = await GraphQLWebSocket.OpenAsync(Host); // anonymous: proposals are public
        await client.SubscribeAsync("p", ProposalEvents);
        await client.SendAsync(new { type = "ping" });
        await client.ExpectAsync("pong"); // the subscription is in place

        var author = Api.SignIn("Author");
        var id = await ProposeAsync(author, "rest-api-design", "MIDDLE", "EXPERT", "Seniors of REST");
        var created = await EventAsync(client, "p", "proposalChanged");
        Assert.Equal("CREATED", (string?)created["kind"]);
        Assert.Equal(id, (string?)created["proposal"]!["id"]);
        Assert.Equal("OPEN", (string?)created["proposal"]!["status"]);
        Assert.Equal("Seniors of REST", (string?)created["proposal"]!["title"]);
        Assert.Equal("Author", (string?)created["proposal"]!["author"]!["name"]);

        CommunityApi.AssertNoErrors(await Api.VoteAsync(Api.SignIn("Voter"), id, "UP"));
        var voted = await EventAsync(client, "p", "proposalChanged");
        Assert.Equal("VOTED", (string?)voted["kind"]);
        Assert.Equal(1, (int)voted["proposal"]!["score"]!);
        Assert.Equal(1, (int)voted["proposal"]!["upVotes"]!);

        CommunityApi.AssertNoErrors(await Api.CommentAsync(Api.SignIn("Critic"), id, "Hm."));
        Assert.Equal("COMMENTED", (string?)(await EventAsync(client, "p", "proposalChanged"))["kind"]);

        CommunityApi.AssertNoErrors(await Api.WithdrawAsync(author, id));
        var withdrawn = await EventAsync(client, "p", "proposalChanged");
        Assert.Equal("STATUS_CHANGED", (string?)withdrawn["kind"]);
        Assert.Equal("WITHDRAWN", (string?)withdrawn["proposal"]!["status"]);
    }

    [Fact]
    public async Task Reaching_the_review_threshold_is_a_vote_and_a_status_change()
    {
        await using var client = await GraphQLWebSocket.OpenAsync(Host);
        await client.SubscribeAsync("p", ProposalEvents);
        await client.SendAsync(new { type = "ping" });
        await client.ExpectAsync("pong");
        var id = await ProposeAsync(Api.SignIn("Author"), "docker", "JUNIOR", "ADVANCED");
        Assert.Equal("CREATED", (string?)(await EventAsync(client, "p", "proposalChanged"))["kind"]);

        foreach (var voter in new[] { "V1", "V2", "V3" })
        {
            CommunityApi.AssertNoErrors(await Api.VoteAsync(Api.SignIn(voter), id, "UP"));
        }

        var kinds = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            kinds.Add((string)(await EventAsync(client, "p", "proposalChanged"))["kind"]!);
        }

        Assert.Equal(["VOTED", "VOTED", "VOTED", "STATUS_CHANGED"], kinds);
    }

    [Fact]
    public async Task A_refused_or_rolled_back_mutation_publishes_nothing()
    {
        await using var client = await GraphQLWebSocket.OpenAsync(Host);
        await client.SubscribeAsync("p", ProposalEvents);
        await client.SendAsync(new { type = "ping" });
        await client.ExpectAsync("pong");
        var (first, second) = (Api.SignIn("First"), Api.SignIn("Second"));
        var accepted = await ProposeAsync(first, "kubernetes-core", "SENIOR", "EXPERT");
        var stale = await ProposeAsync(second, "kubernetes-core", "SENIOR", "WORKING");
        var createdIds = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            createdIds.Add((string)(await EventAsync(client, "p", "proposalChanged"))["proposal"]!["id"]!);
        }

        Assert.Equal([accepted, stale], createdIds);
        var expert = Api.SignIn("Expert", expert: true);
        CommunityApi.AssertNoErrors(await Api.ReviewAsync(expert, accepted, "ACCEPT"));
        Assert.Equal("STATUS_CHANGED", (string?)(await EventAsync(client, "p", "proposalChanged"))["kind"]);

        // Refused before anything was written: a validation error.
        CommunityApi.AssertError(await Api.SuggestAsync(first, new { roleSlug = Role, skill = "kubernetes-core", level = "SENIOR", proficiency = "EXPERT", title = "", rationale = "r" }), "ValidationError");
        // Rolled back after the decision was made (and announced into the outbox): the cell no longer holds what the
        // stale proposal expects, so the catalog change conflicts and the whole review is undone.
        CommunityApi.AssertError(await Api.ReviewAsync(expert, stale, "ACCEPT"), "ConflictError");
        // A vote by the author's own hand is refused too.
        CommunityApi.AssertError(await Api.VoteAsync(second, stale, "UP"), "NotAllowedError");

        // The next event is the next successful mutation's: nothing came of the three above.
        CommunityApi.AssertNoErrors(await Api.VoteAsync(Api.SignIn("Voter"), stale, "UP"));
        var next = await EventAsync(client, "p", "proposalChanged");
        Assert.Equal("VOTED", (string?)next["kind"]);
        Assert.Equal(stale, (string?)next["proposal"]!["id"]);
        Assert.Equal("OPEN", (string?)next["proposal"]!["status"]);
    }

    [Fact]
    public async Task A_rolled_back_field_publishes_nothing_even_when_the_next_field_of_its_document_commits()
    {
        await using var client = await GraphQLWebSocket.OpenAsync(Host);
        await client.SubscribeAsync("p", ProposalEvents);
        await client.SendAsync(new { type = "ping" });
        await client.ExpectAsync("pong");
        var (first, second) = (Api.SignIn("First"), Api.SignIn("Second"));
        var accepted = await ProposeAsync(first, "kubernetes-core", "LEAD_STAFF", "ADVANCED");
        var stale = await ProposeAsync(second, "kubernetes-core", "LEAD_STAFF", "WORKING");
        var expert = Api.SignIn("Expert", expert: true);
        CommunityApi.AssertNoErrors(await Api.ReviewAsync(expert, accepted, "ACCEPT"));
        for (var i = 0; i < 3; i++)
        {
            await EventAsync(client, "p", "proposalChanged"); // two CREATED, one STATUS_CHANGED
        }

        // One request, two mutation fields, each its own transaction: the review conflicts and rolls back (its
        // announcement with it), the vote commits. The request's outbox must not carry the first into the second.
        var data = await Api.DataAsync("""
            mutation($stale: ID!) {
              review: reviewProposal(input: { proposalId: $stale, decision: ACCEPT }) { errors { __typename } }
              vote: voteOnProposal(input: { proposalId: $stale, value: UP }) { errors { __typename } }
            }
            """, new { stale }, expert.Token);
        Assert.Equal("ConflictError", (string?)data["review"]!["errors"]![0]!["__typename"]);
        Assert.Null(data["vote"]!["errors"]);

        var next = await EventAsync(client, "p", "proposalChanged");
        Assert.Equal(("VOTED", stale), ((string?)next["kind"], (string?)next["proposal"]!["id"]));
        await Task.Delay(300);
        await client.SendAsync(new { type = "ping" });
        await client.ExpectAsync("pong"); // and not a STATUS_CHANGED of the rolled-back review
    }

    [Fact]
    public async Task An_accepted_proposal_announces_its_role_change_once_when_two_experts_race()
    {
        var before = await Api.RoleStateAsync("docker", "PRINCIPAL", Role);
        await using var client = await GraphQLWebSocket.OpenAsync(Host);
        await client.SubscribeAsync("r", RoleEvents);
        await client.SubscribeAsync("p", ProposalEvents);
        await client.SendAsync(new { type = "ping" });
        await client.ExpectAsync("pong");
        var author = Api.SignIn("Author");
        var raced = await ProposeAsync(author, "graphql-design", "PRINCIPAL", "WORKING", "Race");
        var marker = await ProposeAsync(author, "graphql-design", "LEAD_STAFF", "ADVANCED", "Marker");

        var reviews = await Task.WhenAll(Api.ReviewAsync(Api.SignIn("Expert A", expert: true), raced, "ACCEPT"),
            Api.ReviewAsync(Api.SignIn("Expert B", expert: true), raced, "ACCEPT"));
        Assert.Equal(1, reviews.Count(r => r["errors"] is null));
        CommunityApi.AssertNoErrors(await Api.ReviewAsync(Api.SignIn("Expert C", expert: true), marker, "ACCEPT"));

        var first = await EventAsync(client, "r", "roleChanged");
        Assert.Equal(before.Version + 1, (int)first["version"]!);
        Assert.Equal(raced, (string?)first["change"]!["proposalId"]);
        Assert.Equal(before.Version + 1, (int)first["change"]!["version"]!);
        Assert.StartsWith("GraphQL Design at PRINCIPAL", (string?)first["change"]!["summary"]);
        Assert.Equal(Role, (string?)first["role"]!["slug"]);
        // The role as it is when the event is delivered: the marker may have been applied by then.
        Assert.True((int)first["role"]!["version"]! >= before.Version + 1);
        var second = await EventAsync(client, "r", "roleChanged");
        Assert.Equal(before.Version + 2, (int)second["version"]!);
        Assert.Equal(marker, (string?)second["change"]!["proposalId"]);

        // On proposalChanged: the race's winner changed the status once.
        var events = new List<(string Kind, string Id)>();
        while (events.Count == 0 || events[^1] != ("STATUS_CHANGED", marker))
        {
            var e = await EventAsync(client, "p", "proposalChanged");
            events.Add(((string)e["kind"]!, (string)e["proposal"]!["id"]!));
        }

        Assert.Equal(1, events.Count(e => e == ("STATUS_CHANGED", raced)));
    }

    [Fact]
    public async Task A_member_hears_of_their_notifications_as_they_are_made_and_nobody_else_does()
    {
        var (watcher, other) = (Api.SignIn("Watcher"), Api.SignIn("Other"));
        await Api.WatchAsync(watcher, Role);
        await using var client = await GraphQLWebSocket.OpenAsync(Host, watcher.Token);
        await using var otherClient = await GraphQLWebSocket.OpenAsync(Host, other.Token);
        const string Notifications = "subscription { myNotifications { id kind createdAt proposal { id title status } } }";
        await client.SubscribeAsync("n", Notifications);
        await otherClient.SubscribeAsync("n", Notifications);
        await client.SendAsync(new { type = "ping" });
        await client.ExpectAsync("pong");
        await otherClient.SendAsync(new { type = "ping" });
        await otherClient.ExpectAsync("pong");

        var id = await ProposeAsync(Api.SignIn("Author"), "redis", "JUNIOR", "EXPERT", "Told to watchers");

        var notification = await EventAsync(client, "n", "myNotifications");
        Assert.Equal("PROPOSAL_CREATED", (string?)notification["kind"]);
        Assert.Equal(id, (string?)notification["proposal"]!["id"]);
        Assert.Equal("Told to watchers", (string?)notification["proposal"]!["title"]);
        // The same notification myNotifications lists.
        var listed = await Api.DataAsync("{ myNotifications(first: 1) { nodes { id } } }", token: watcher.Token);
        Assert.Equal((string?)notification["id"], (string?)listed["myNotifications"]!["nodes"]![0]!["id"]);

        // The other member watches nothing: their own notification arrives first when they get one.
        await Api.WatchAsync(other, Role);
        var second = await ProposeAsync(Api.SignIn("Author 2"), "docker", "MIDDLE", "EXPERT", "Second");
        Assert.Equal(second, (string?)(await EventAsync(otherClient, "n", "myNotifications"))["proposal"]!["id"]);
    }

    [Fact]
    public async Task A_client_complete_stops_its_subscription_only()
    {
        await using var client = await GraphQLWebSocket.OpenAsync(Host);
        await client.SubscribeAsync("stopped", ProposalEvents);
        await client.SubscribeAsync("kept", ProposalEvents);
        await client.SendAsync(new { type = "complete", id = "stopped" });
        await client.SendAsync(new { type = "ping" });
        await client.ExpectAsync("pong");

        var id = await ProposeAsync(Api.SignIn("Author"), "redis", "MIDDLE", "EXPERT");

        Assert.Equal(id, (string?)(await EventAsync(client, "kept", "proposalChanged"))["proposal"]!["id"]);
        await Task.Delay(300);
        await client.SendAsync(new { type = "ping" });
        await client.ExpectAsync("pong"); // not a next for "stopped"
    }

    [Fact]
    public async Task A_subscription_whose_token_expires_is_completed_with_an_error()
    {
        var issuer = Host.Services.GetRequiredService<Platform.Hosting.Security.LocalTokenIssuer>();
        var token = issuer.Issue($"brief-{Guid.NewGuid():N}", "Brief", lifetime: TimeSpan.FromSeconds(2)).Token;
        await using var client = await GraphQLWebSocket.OpenAsync(Host, token);
        await client.SubscribeAsync("n", "subscription { myNotifications { id } }");

        var error = await client.ExpectAsync("error", "n", TimeSpan.FromSeconds(10));

        Assert.Equal("AUTH_TOKEN_EXPIRED", (string?)error["payload"]![0]!["extensions"]!["code"]);
        // What the connection sends from then on runs anonymously.
        await client.SubscribeAsync("again", "subscription { myNotifications { id } }");
        Assert.Equal("AUTH_NOT_AUTHENTICATED", (string?)(await client.ExpectAsync("error", "again"))["payload"]![0]!["extensions"]!["code"]);
    }
}
