using System.Net;
using System.Text.Json.Nodes;
using Platform.Data.Relay;

namespace SkillMatrix.Host.Tests.Host.CrashSafety;

/// <summary>What the crash tests send to a <see cref="HostProcess"/>, with tokens signed by the production issuer.</summary>
internal static class HostApi
{
    public const string Role = "backend-developer-python";

    public const string Vote =
        "mutation($input: VoteOnProposalInput!) { voteOnProposal(input: $input) { proposal { id upVotes } errors { __typename ... on Error { message } } } }";

    private const string Suggest =
        "mutation($input: SuggestChangeInput!) { suggestChange(input: $input) { proposal { id } errors { __typename ... on Error { message } } } }";

    // The same issuer the `token` verb uses, with the key the child Host is given: its tokens are what users present.
    public static string Token(string subject) => TestAuth.LocalIssuer.Issue(subject, subject).Token;

    public static HttpRequestMessage Request(string query, object? variables, string? token, HttpContent? content = null) =>
        GraphQLHttp.Request(query, variables, token, content: content);

    public static async Task<GraphQLReply> SendAsync(HttpClient client, string query, object? variables = null, string? token = null,
        CancellationToken cancellationToken = default)
    {
        using var request = Request(query, variables, token);
        return await client.SendGraphQLAsync(request, cancellationToken);
    }

    public static Task<GraphQLReply> SendAsync(HttpClient client, HttpRequestMessage request, CancellationToken cancellationToken = default) =>
        client.SendGraphQLAsync(request, cancellationToken);

    /// <summary>
    /// The server said the mutation is done: 200, no request errors, a payload with its result and no payload errors.
    /// Only then may a client rely on the change, so only these must survive a crash.
    /// </summary>
    public static bool IsAcknowledged(GraphQLReply reply, string field) =>
        reply.Status == HttpStatusCode.OK
        && !reply.Body.ContainsKey("errors")
        && reply.Body["data"]?[field] is JsonObject payload
        && payload["errors"] is null
        && payload["proposal"] is JsonObject;

    /// <summary>Suggests a change to one cell of the seeded role and returns the proposal's database key.</summary>
    public static async Task<int> ProposeAsync(HttpClient client, string authorToken, string skill, string level, string proficiency)
    {
        var input = new { roleSlug = Role, skill, level, proficiency, title = $"{skill} at {level}", rationale = "Crash-safety test." };
        var reply = await SendAsync(client, Suggest, new { input }, authorToken);
        Assert.True(IsAcknowledged(reply, "suggestChange"), reply.ToString());
        var id = (string)reply.Body["data"]!["suggestChange"]!["proposal"]!["id"]!;
        return GlobalId.KeyOf(id, "Proposal") ?? throw new InvalidOperationException($"Not a proposal id: {id}");
    }

    public static object VoteUp(int proposalKey) => new { input = new { proposalId = GlobalId.Encode("Proposal", proposalKey), value = "UP" } };
}
