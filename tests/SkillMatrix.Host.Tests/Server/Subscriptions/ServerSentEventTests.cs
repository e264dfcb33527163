using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SkillMatrix.Host.Tests.Community;

namespace SkillMatrix.Host.Tests.Server.Subscriptions;

/// <summary>
/// GraphQL over server-sent events (graphql-sse, distinct connections mode) with a plain HttpClient: POST /graphql with
/// Accept: text/event-stream answers <c>event: next</c> lines, then <c>event: complete</c>; the member signs in with
/// the usual Authorization header.
/// </summary>
public sealed class ServerSentEventTests(LiveHost fixture) : IClassFixture<LiveHost>
{
    private TestHost Host => fixture.Host;

    private HttpClient Http() => new() { BaseAddress = new Uri(Assert.Single(Host.ServerAddresses)) };

    [Fact]
    public async Task A_subscription_streams_each_event_as_it_commits()
    {
        using var http = Http();
        await using var stream = await GraphQLEventStream.OpenAsync(http,
            $$"""subscription { proposalChanged(roleSlug: "{{LiveHost.Role}}") { kind proposal { id status score } } }""");
        Assert.Equal(HttpStatusCode.OK, stream.Response.StatusCode);
        Assert.Equal("text/event-stream", stream.Response.Content.Headers.ContentType?.MediaType);

        var api = new CommunityApi(Host);
        var id = (string)(await api.ProposeAsync(api.SignIn("Author"), "opentelemetry", "SENIOR", "EXPERT", role: LiveHost.Role))["id"]!;
        var created = await stream.NextAsync();
        Assert.Equal("CREATED", (string?)created["data"]!["proposalChanged"]!["kind"]);
        Assert.Equal(id, (string?)created["data"]!["proposalChanged"]!["proposal"]!["id"]);

        CommunityApi.AssertNoErrors(await api.VoteAsync(api.SignIn("Voter"), id, "DOWN"));
        var voted = await stream.NextAsync();
        Assert.Equal(-1, (int)voted["data"]!["proposalChanged"]!["proposal"]!["score"]!);
    }

    [Fact]
    public async Task A_query_is_one_next_then_complete()
    {
        using var http = Http();
        await using var stream = await GraphQLEventStream.OpenAsync(http, """{ role(slug: "backend-developer-python") { name } }""");

        Assert.Equal("Backend Developer (Python)", (string?)(await stream.NextAsync())["data"]!["role"]!["name"]);
        await stream.ExpectCompleteAsync();
        Assert.Null(await stream.ReadAsync());
    }

    [Fact]
    public async Task Anonymous_myNotifications_is_refused_and_a_token_in_the_header_signs_in()
    {
        using var http = Http();
        await using (var anonymous = await GraphQLEventStream.OpenAsync(http, "subscription { myNotifications { id } }"))
        {
            var refused = await anonymous.NextAsync();
            Assert.Equal("AUTH_NOT_AUTHENTICATED", (string?)refused["errors"]![0]!["extensions"]!["code"]);
            await anonymous.ExpectCompleteAsync();
        }

        var api = new CommunityApi(Host);
        var watcher = api.SignIn("Watcher");
        await api.WatchAsync(watcher, LiveHost.Role);
        await using var stream = await GraphQLEventStream.OpenAsync(http, "subscription { myNotifications { kind proposal { id } } }", token: watcher.Token);
        var id = (string)(await api.ProposeAsync(api.SignIn("Author"), "opentelemetry", "MIDDLE", "EXPERT", role: LiveHost.Role))["id"]!;

        var notification = (await stream.NextAsync())["data"]!["myNotifications"]!;
        Assert.Equal(("PROPOSAL_CREATED", id), ((string?)notification["kind"], (string?)notification["proposal"]!["id"]));
    }

    [Fact]
    public async Task A_stream_whose_token_expires_ends_with_an_error_then_complete()
    {
        using var http = Http();
        var token = Host.Services.GetRequiredService<Platform.Hosting.Security.LocalTokenIssuer>()
            .Issue($"brief-{Guid.NewGuid():N}", "Brief", lifetime: TimeSpan.FromSeconds(2)).Token;
        await using var stream = await GraphQLEventStream.OpenAsync(http, "subscription { myNotifications { id } }", token: token);
        Assert.Equal(HttpStatusCode.OK, stream.Response.StatusCode);

        var expired = await stream.NextAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("AUTH_TOKEN_EXPIRED", (string?)expired["errors"]![0]!["extensions"]!["code"]);
        await stream.ExpectCompleteAsync();
    }

    [Fact]
    public async Task A_validation_error_is_a_next_with_errors_then_complete()
    {
        using var http = Http();
        await using var stream = await GraphQLEventStream.OpenAsync(http, "subscription { noSuchField }");

        Assert.NotEmpty((await stream.NextAsync())["errors"]!.AsArray());
        await stream.ExpectCompleteAsync();
    }
}
