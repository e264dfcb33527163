namespace SkillMatrix.Host.Tests.Community;

/// <summary>withdrawProposal: the author only, while OPEN or IN_REVIEW.</summary>
public abstract class WithdrawProposalTests(HostFixture fixture)
{
    public sealed class OnSqlite(SignedInHost host) : WithdrawProposalTests(host), IClassFixture<SignedInHost>;

    public sealed class OnPostgreSql(PostgreSqlHost<SignedInHost> host) : WithdrawProposalTests(host), IClassFixture<PostgreSqlHost<SignedInHost>>;

    private CommunityApi Api { get; } = new(fixture.Host);

    [Fact]
    public async Task The_author_withdraws_an_open_proposal()
    {
        var author = Api.SignIn("Author");
        var id = (string)(await Api.ProposeAsync(author, "mongodb", "JUNIOR", "WORKING"))["id"]!;

        var payload = await Api.WithdrawAsync(author, id);

        CommunityApi.AssertNoErrors(payload);
        Assert.Equal("WITHDRAWN", (string?)payload["proposal"]!["status"]);
        Assert.Equal("WITHDRAWN", (string?)(await Api.ProposalAsync(id))!["status"]);
    }

    [Fact]
    public async Task The_author_withdraws_a_proposal_in_review()
    {
        var author = Api.SignIn("Author");
        var id = (string)(await Api.ProposeAsync(author, "mongodb", "MIDDLE", "ADVANCED"))["id"]!;
        foreach (var name in new[] { "A", "B", "C" })
        {
            await Api.VoteAsync(Api.SignIn(name), id, "UP");
        }

        Assert.Equal("IN_REVIEW", (string?)(await Api.ProposalAsync(id))!["status"]);

        var payload = await Api.WithdrawAsync(author, id);

        CommunityApi.AssertNoErrors(payload);
        Assert.Equal("WITHDRAWN", (string?)payload["proposal"]!["status"]);
        Assert.Equal(3, (int)payload["proposal"]!["upVotes"]!);
    }

    [Fact]
    public async Task Nobody_else_may_withdraw_it_not_even_an_expert()
    {
        var id = (string)(await Api.ProposeAsync(Api.SignIn("Author"), "mongodb", "SENIOR", "EXPERT"))["id"]!;

        CommunityApi.AssertError(await Api.WithdrawAsync(Api.SignIn("Other"), id), "NotAllowedError");
        CommunityApi.AssertError(await Api.WithdrawAsync(Api.SignIn("Expert", expert: true), id), "NotAllowedError");

        Assert.Equal("OPEN", (string?)(await Api.ProposalAsync(id))!["status"]);
    }

    [Fact]
    public async Task A_withdrawn_accepted_or_rejected_proposal_cannot_be_withdrawn()
    {
        var author = Api.SignIn("Author");
        var expert = Api.SignIn("Expert", expert: true);
        var withdrawn = (string)(await Api.ProposeAsync(author, "database-indexing", "JUNIOR", "WORKING"))["id"]!;
        var accepted = (string)(await Api.ProposeAsync(author, "database-indexing", "MIDDLE", "ADVANCED"))["id"]!;
        var rejected = (string)(await Api.ProposeAsync(author, "database-indexing", "SENIOR", "EXPERT"))["id"]!;
        CommunityApi.AssertNoErrors(await Api.WithdrawAsync(author, withdrawn));
        CommunityApi.AssertNoErrors(await Api.ReviewAsync(expert, accepted, "ACCEPT"));
        CommunityApi.AssertNoErrors(await Api.ReviewAsync(expert, rejected, "REJECT"));

        CommunityApi.AssertError(await Api.WithdrawAsync(author, withdrawn), "NotAllowedError");
        CommunityApi.AssertError(await Api.WithdrawAsync(author, accepted), "NotAllowedError");
        CommunityApi.AssertError(await Api.WithdrawAsync(author, rejected), "NotAllowedError");

        Assert.Equal("ACCEPTED", (string?)(await Api.ProposalAsync(accepted))!["status"]);
        Assert.Equal("REJECTED", (string?)(await Api.ProposalAsync(rejected))!["status"]);
    }

    [Fact]
    public async Task An_unknown_proposal_is_not_found()
    {
        CommunityApi.AssertError(await Api.WithdrawAsync(Api.SignIn("Author"), "UHJvcG9zYWw6OTk5OTk5"), "NotFoundError");
        CommunityApi.AssertError(await Api.WithdrawAsync(Api.SignIn("Author"), "garbage"), "NotFoundError");
    }
}

/// <summary>commentOnProposal: a body of 1 to 4,000 characters; comments listed oldest first.</summary>
public abstract class CommentOnProposalTests(HostFixture fixture)
{
    public sealed class OnSqlite(SignedInHost host) : CommentOnProposalTests(host), IClassFixture<SignedInHost>;

    public sealed class OnPostgreSql(PostgreSqlHost<SignedInHost> host) : CommentOnProposalTests(host), IClassFixture<PostgreSqlHost<SignedInHost>>;

    private CommunityApi Api { get; } = new(fixture.Host);

    [Fact]
    public async Task Comments_come_oldest_first_with_their_authors()
    {
        var author = Api.SignIn("Author");
        var id = (string)(await Api.ProposeAsync(author, "connection-pooling", "JUNIOR", "WORKING"))["id"]!;
        var bob = Api.SignIn("Bob");

        var posted = new List<string>();
        foreach (var (who, body) in new[] { (bob, "First"), (author, "Second"), (bob, "Third") })
        {
            var payload = await Api.CommentAsync(who, id, body);
            CommunityApi.AssertNoErrors(payload);
            Assert.Equal(body, (string?)payload["comment"]!["body"]);
            Assert.Equal(who.Id, (string?)payload["comment"]!["author"]!["id"]);
            Assert.Equal(id, (string?)payload["proposal"]!["id"]);
            posted.Add((string)payload["comment"]!["id"]!);
        }

        var data = await Api.DataAsync("""
            query($id: ID!) { node(id: $id) { ... on Proposal { comments { totalCount nodes { id body author { name } } } } } }
            """, new { id });
        var comments = data["node"]!["comments"]!;
        Assert.Equal(3, (int)comments["totalCount"]!);
        Assert.Equal(["First", "Second", "Third"], comments["nodes"]!.AsArray().Select(c => (string?)c!["body"]));
        Assert.Equal(posted, comments["nodes"]!.AsArray().Select(c => (string)c!["id"]!));
        Assert.Equal(["Bob", "Author", "Bob"], comments["nodes"]!.AsArray().Select(c => (string?)c!["author"]!["name"]));

        // A page at a time, still oldest first.
        var page = await Api.DataAsync("""
            query($id: ID!) { node(id: $id) { ... on Proposal { comments(first: 2) { nodes { body } pageInfo { hasNextPage endCursor } } } } }
            """, new { id });
        Assert.Equal(["First", "Second"], page["node"]!["comments"]!["nodes"]!.AsArray().Select(c => (string?)c!["body"]));
        Assert.True((bool)page["node"]!["comments"]!["pageInfo"]!["hasNextPage"]!);
    }

    [Fact]
    public async Task A_body_of_1_and_of_4000_characters_is_taken()
    {
        var id = (string)(await Api.ProposeAsync(Api.SignIn("Author"), "connection-pooling", "MIDDLE", "ADVANCED"))["id"]!;

        CommunityApi.AssertNoErrors(await Api.CommentAsync(Api.SignIn("Short"), id, "x"));
        var longest = await Api.CommentAsync(Api.SignIn("Long"), id, new string('y', 4000));
        CommunityApi.AssertNoErrors(longest);
        Assert.Equal(4000, ((string)longest["comment"]!["body"]!).Length);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)] // whitespace only
    [InlineData(4001)]
    public async Task A_body_outside_1_to_4000_characters_is_a_validation_error_and_writes_nothing(int length)
    {
        var id = (string)(await Api.ProposeAsync(Api.SignIn("Author"), "connection-pooling", "SENIOR", "EXPERT", title: $"Body {length}"))["id"]!;
        var body = length < 0 ? "  \n " : new string('z', length);

        var payload = await Api.CommentAsync(Api.SignIn("Commenter"), id, body);

        var error = CommunityApi.AssertError(payload, "ValidationError", "comment");
        Assert.Null(payload["proposal"]);
        Assert.False(string.IsNullOrEmpty((string?)error["message"]));
        var data = await Api.DataAsync("query($id: ID!) { node(id: $id) { ... on Proposal { comments { totalCount } } } }", new { id });
        Assert.Equal(0, (int)data["node"]!["comments"]!["totalCount"]!);
    }

    [Fact]
    public async Task Commenting_on_an_unknown_proposal_is_not_found()
    {
        CommunityApi.AssertError(await Api.CommentAsync(Api.SignIn("Commenter"), "UHJvcG9zYWw6OTk5OTk5", "Hello"), "NotFoundError", "comment");
    }
}
