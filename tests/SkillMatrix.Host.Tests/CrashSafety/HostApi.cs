using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Platform.Data.Relay;
using Platform.Server.Security;
using Platform.Hosting.Security;

namespace SkillMatrix.Host.Tests.CrashSafety;

/// <summary>A GraphQL reply as it came over the wire.</summary>
internal sealed record HostReply(HttpStatusCode Status, JsonObject Body)
{
    public override string ToString() => $"{(int)Status}: {Body.ToJsonString()}";
}

/// <summary>What the crash tests send to a <see cref="HostProcess"/>, with tokens signed by the production issuer.</summary>
internal static class HostApi
{
    public const string Role = "backend-developer-python";

    public const string Vote =
        "mutation($input: VoteOnProposalInput!) { voteOnProposal(input: $input) { proposal { id upVotes } errors { __typename ... on Error { message } } } }";

    private const string Suggest =
        "mutation($input: SuggestChangeInput!) { suggestChange(input: $input) { proposal { id } errors { __typename ... on Error { message } } } }";

    // The same issuer the `token` verb uses, with the key the child Host is given: its tokens are what users present.
    private static readonly LocalTokenIssuer Issuer = new(
        Options.Create(new AuthOptions { Issuer = HostProcess.Issuer, Audience = HostProcess.Audience, SigningKey = HostProcess.SigningKey }),
        TimeProvider.System);

    public static string Token(string subject) => Issuer.Issue(subject, subject).Token;

    public static HttpRequestMessage Request(string query, object? variables, string? token, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = content ?? JsonContent.Create(new { query, variables }) };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return request;
    }

    public static async Task<HostReply> SendAsync(HttpClient client, string query, object? variables = null, string? token = null,
        CancellationToken cancellationToken = default)
    {
        using var request = Request(query, variables, token);
        return await SendAsync(client, request, cancellationToken);
    }

    public static async Task<HostReply> SendAsync(HttpClient client, HttpRequestMessage request, CancellationToken cancellationToken = default)
    {
        using var response = await client.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        JsonObject body;
        try
        {
            body = JsonNode.Parse(text)?.AsObject() ?? [];
        }
        catch (JsonException)
        {
            body = new JsonObject { ["unparsed"] = text };
        }

        return new HostReply(response.StatusCode, body);
    }

    /// <summary>
    /// The server said the mutation is done: 200, no request errors, a payload with its result and no payload errors.
    /// Only then may a client rely on the change, so only these must survive a crash.
    /// </summary>
    public static bool IsAcknowledged(HostReply reply, string field) =>
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
