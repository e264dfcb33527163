using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SkillMatrix.Host.Tests.Community;

/// <summary>The Community API over HTTP, as a client uses it.</summary>
internal sealed class CommunityApi(TestHost host)
{
    public const string Role = "backend-developer-python";

    public const string ProposalFields =
        "id status title rationale roleSlug score upVotes downVotes viewerVote createdAt updatedAt author { id name } "
        + "change { skill domain level { key } from to mandatory } review { decision note reviewer { id name } }";

    public const string Errors = "errors { __typename ... on Error { message } }";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>A token from the issuer the <c>token</c> verb prints with, for a fresh subject unless one is given.</summary>
    public Person SignIn(string name, bool expert = false, string? subject = null) => host.SignIn(name, expert, subject);

    /// <summary>
    /// POSTs a request. With no Accept header the server answers application/json (auth refusals are 200); with
    /// <paramref name="graphqlResponse"/> it asks for application/graphql-response+json (auth refusals are 401/403).
    /// </summary>
    public async Task<GraphQLReply> SendAsync(string query, object? variables = null, string? token = null, bool graphqlResponse = false)
    {
        using var client = host.Anonymous();
        using var request = GraphQLHttp.Request(query, variables, token, graphqlResponse);
        return await client.SendGraphQLAsync(request);
    }

    /// <summary>The data of a request that must answer 200 without errors.</summary>
    public async Task<JsonNode> DataAsync(string query, object? variables = null, string? token = null)
    {
        var reply = await SendAsync(query, variables, token);
        Assert.True(reply.Status == HttpStatusCode.OK && !reply.HasErrors, reply.Pretty());
        return reply.Data!;
    }

    /// <summary>A mutation's payload; the request itself must succeed (payload errors are the payload's).</summary>
    public async Task<JsonNode> MutateAsync(string field, string inputType, object input, string selection, string? token)
    {
        var data = await DataAsync($"mutation($input: {inputType}!) {{ {field}(input: $input) {{ {selection} }} }}", new { input }, token);
        return data[field]!;
    }

    public Task<JsonNode> SuggestAsync(Person author, object input) =>
        MutateAsync("suggestChange", "SuggestChangeInput", input,
            $"proposal {{ {ProposalFields} }} errors {{ __typename ... on Error {{ message }} ... on ValidationError {{ field }} }}", author.Token);

    /// <summary>A proposal on the seeded role's <paramref name="skill"/> at <paramref name="level"/>, which must be accepted.</summary>
    public async Task<JsonNode> ProposeAsync(Person author, string skill = "rest-api-design", string level = "JUNIOR", string? proficiency = "ADVANCED",
        string title = "Raise it", string role = Role)
    {
        var payload = await SuggestAsync(author, new { roleSlug = role, skill, level, proficiency, title, rationale = "Because the work needs it." });
        AssertNoErrors(payload);
        return payload["proposal"]!;
    }

    public Task<JsonNode> VoteAsync(Person voter, string proposalId, string? value) =>
        MutateAsync("voteOnProposal", "VoteOnProposalInput", new { proposalId, value }, $"proposal {{ {ProposalFields} }} {Errors}", voter.Token);

    public Task<JsonNode> CommentAsync(Person author, string proposalId, string body) =>
        MutateAsync("commentOnProposal", "CommentOnProposalInput", new { proposalId, body },
            $"comment {{ id body author {{ id name }} createdAt }} proposal {{ id }} {Errors}", author.Token);

    public Task<JsonNode> WithdrawAsync(Person author, string proposalId) =>
        MutateAsync("withdrawProposal", "WithdrawProposalInput", new { proposalId }, $"proposal {{ {ProposalFields} }} {Errors}", author.Token);

    public Task<JsonNode> ReviewAsync(Person expert, string proposalId, string decision, string? note = null) =>
        MutateAsync("reviewProposal", "ReviewProposalInput", new { proposalId, decision, note }, $"proposal {{ {ProposalFields} }} {Errors}", expert.Token);

    public Task<JsonNode> WatchAsync(Person member, string roleSlug = Role) =>
        MutateAsync("watchRole", "WatchRoleInput", new { roleSlug }, $"role {{ slug watcherCount viewerIsWatching }} {Errors}", member.Token);

    public Task<JsonNode> UnwatchAsync(Person member, string roleSlug = Role) =>
        MutateAsync("unwatchRole", "UnwatchRoleInput", new { roleSlug }, $"role {{ slug watcherCount viewerIsWatching }} {Errors}", member.Token);

    /// <summary>A proposal by global id, through <c>node</c>; null when none.</summary>
    public async Task<JsonNode?> ProposalAsync(string id, Person? viewer = null)
    {
        var data = await DataAsync($"query($id: ID!) {{ node(id: $id) {{ ... on Proposal {{ {ProposalFields} }} }} }}", new { id }, viewer?.Token);
        return data["node"];
    }

    public async Task<int> ProposalCountAsync() =>
        (int)(await DataAsync("{ proposals { totalCount } }"))["proposals"]!["totalCount"]!;

    /// <summary>The role's version, changelog, and the requirement (proficiency, mandatory) at one cell; null when none.</summary>
    public async Task<RoleState> RoleStateAsync(string skill, string level, string role = Role)
    {
        var data = await DataAsync($$"""
            {
              role(slug: "{{role}}") {
                version
                changes { version proposalId summary }
                requirements(where: { and: [{ skill: { slug: { eq: "{{skill}}" } } }, { level: { key: { eq: "{{level}}" } } }] }) { proficiency mandatory }
              }
            }
            """);
        var node = data["role"]!;
        var cell = node["requirements"]!.AsArray().SingleOrDefault();
        return new RoleState(
            (int)node["version"]!,
            node["changes"]!.AsArray().Select(c => new ChangeEntry((int)c!["version"]!, (string?)c["proposalId"], (string)c["summary"]!)).ToList(),
            (string?)cell?["proficiency"],
            (bool?)cell?["mandatory"]);
    }

    /// <summary>How many cells the role's matrix has.</summary>
    public async Task<int> RequirementCountAsync(string role = Role) =>
        (int)(await DataAsync($$"""{ role(slug: "{{role}}") { stats { requirementCount } } }"""))["role"]!["stats"]!["requirementCount"]!;

    public static void AssertNoErrors(JsonNode payload) =>
        Assert.True(payload["errors"] is null, payload.ToJsonString(Indented));

    /// <summary>The payload failed with exactly one error of <paramref name="typeName"/>, and left its result null.</summary>
    public static JsonNode AssertError(JsonNode payload, string typeName, string resultField = "proposal")
    {
        var errors = payload["errors"]?.AsArray();
        Assert.True(errors is { Count: 1 }, payload.ToJsonString(Indented));
        Assert.Equal(typeName, (string?)errors[0]!["__typename"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)errors[0]!["message"]), payload.ToJsonString(Indented));
        Assert.Null(payload[resultField]);
        return errors[0]!;
    }
}

internal sealed record ChangeEntry(int Version, string? ProposalId, string Summary);

internal sealed record RoleState(int Version, IReadOnlyList<ChangeEntry> Changes, string? Proficiency, bool? Mandatory);
