using System.Net;
using Platform.Server.Security;

namespace SkillMatrix.Host.Tests.Community;

/// <summary>Every Community mutation needs sign-in: anonymous requests are refused before anything is written.</summary>
public abstract class AnonymousMutationTests(HostFixture fixture)
{
    public sealed class OnSqlite(SignedInHost host) : AnonymousMutationTests(host), IClassFixture<SignedInHost>;

    public sealed class OnPostgreSql(PostgreSqlHost<SignedInHost> host) : AnonymousMutationTests(host), IClassFixture<PostgreSqlHost<SignedInHost>>;

    private CommunityApi Api { get; } = new(fixture.Host);

    public static TheoryData<string> Mutations() => new()
    {
        """mutation { suggestChange(input: { roleSlug: "backend-developer-python", skill: "redis", level: "JUNIOR", proficiency: EXPERT, title: "t", rationale: "r" }) { proposal { id } } }""",
        """mutation($id: ID!) { voteOnProposal(input: { proposalId: $id, value: UP }) { proposal { id } } }""",
        """mutation($id: ID!) { commentOnProposal(input: { proposalId: $id, body: "Hi" }) { comment { id } } }""",
        """mutation($id: ID!) { withdrawProposal(input: { proposalId: $id }) { proposal { id } } }""",
        """mutation($id: ID!) { reviewProposal(input: { proposalId: $id, decision: ACCEPT }) { proposal { id } } }""",
        """mutation { watchRole(input: { roleSlug: "backend-developer-python" }) { role { watcherCount } } }""",
        """mutation { unwatchRole(input: { roleSlug: "backend-developer-python" }) { role { watcherCount } } }""",
    };

    [Theory]
    [MemberData(nameof(Mutations))]
    public async Task An_anonymous_mutation_is_not_authenticated_and_writes_nothing(string mutation)
    {
        var author = Api.SignIn("Author");
        var id = (string)(await Api.ProposeAsync(author, "redis", "PRINCIPAL", "ADVANCED", title: Guid.NewGuid().ToString("N")))["id"]!;
        await Api.WatchAsync(Api.SignIn("Watcher"));
        var before = fixture.Host.DumpDatabase();
        var variables = mutation.Contains("$id", StringComparison.Ordinal) ? new { id } : null;

        var json = await Api.SendAsync(mutation, variables);
        var graphqlResponse = await Api.SendAsync(mutation, variables, graphqlResponse: true);

        Assert.True(json.Status == HttpStatusCode.OK, json.ToString());
        Assert.Equal([AuthorizationErrorCodes.NotAuthenticated], json.ErrorCodes);
        Assert.Null(json.Data);
        Assert.True(graphqlResponse.Status == HttpStatusCode.Unauthorized, graphqlResponse.ToString());
        Assert.Equal([AuthorizationErrorCodes.NotAuthenticated], graphqlResponse.ErrorCodes);
        Assert.Null(graphqlResponse.Data);

        // Not one row added, removed or changed anywhere.
        Assert.Equal(before, fixture.Host.DumpDatabase());
        var read = (await Api.ProposalAsync(id))!;
        Assert.Equal(("OPEN", 0), ((string?)read["status"], (int)read["upVotes"]!));
    }

    [Fact]
    public async Task A_forged_token_counts_as_anonymous()
    {
        var count = await Api.ProposalCountAsync();
        var token = Api.SignIn("Mallory").Token;
        var forged = token[..^4] + (token[^4..] == "AAAA" ? "BBBB" : "AAAA");

        var reply = await Api.SendAsync(
            """mutation { suggestChange(input: { roleSlug: "backend-developer-python", skill: "redis", level: "JUNIOR", proficiency: EXPERT, title: "t", rationale: "r" }) { proposal { id } } }""",
            token: forged, graphqlResponse: true);

        Assert.True(reply.Status == HttpStatusCode.Unauthorized, reply.ToString());
        Assert.Equal(count, await Api.ProposalCountAsync());
    }
}
