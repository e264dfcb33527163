using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Platform.Server.Security;
using Platform.Hosting.Security;
using SkillMatrix.Catalog.Contracts;
using SkillMatrix.Host.Tests.Infrastructure;
using SkillMatrix.Host.Tests.Security;

namespace SkillMatrix.Host.Tests.Community;

/// <summary>
/// A signed-in Host of its own (own SQLite file, seeded, local signing key) for one test class, so that counts of
/// proposals, votes and changes are the class's alone. <paramref name="settings"/> add to or override the Auth ones.
/// </summary>
public abstract class CommunityHostBase : IDisposable
{
    private readonly SkillMatrixFactory baseFactory = new();

    protected CommunityHostBase(IReadOnlyDictionary<string, string>? settings = null)
    {
        var all = new Dictionary<string, string>(TestAuth.Settings);
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            all[key] = value;
        }

        Factory = SignedInHost.WithAuth(baseFactory, all);
        Api = new CommunityApi(Factory);
    }

    public WebApplicationFactory<Program> Factory { get; }

    internal CommunityApi Api { get; }

    private bool disposed;

    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        Factory.Dispose();
        baseFactory.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>The default settings: Community:ReviewThreshold 3.</summary>
public sealed class CommunityHost : CommunityHostBase;

/// <summary>A second role, <c>synthetic-role</c> (a copy of the seed under another name), beside the seeded one.</summary>
public sealed class TwoRolesCommunityHost : CommunityHostBase, IAsyncLifetime
{
    public const string OtherRole = "synthetic-role";

    public async Task InitializeAsync()
    {
        Factory.CreateClient().Dispose(); // starts the host: migrated and seeded
        var seed = await File.ReadAllLinesAsync(Path.Combine(AppContext.BaseDirectory, "seeds", "backend-developer-python.txt"));
        var path = Path.Combine(Path.GetTempPath(), $"synthetic-role-{Guid.NewGuid():N}.txt");
        await File.WriteAllLinesAsync(path, ["Synthetic Role", .. seed[1..]]);
        try
        {
            using var scope = Factory.Services.CreateScope();
            await scope.ServiceProvider.GetRequiredService<ICatalogSeeding>().ImportFileAsync(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    public Task DisposeAsync()
    {
        Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>A threshold no test reaches, so that proposals stay OPEN however many vote.</summary>
public sealed class HighThresholdCommunityHost() : CommunityHostBase(new Dictionary<string, string> { ["Community:ReviewThreshold"] = "1000" });

/// <summary>A signed-in person: the token's subject and a bearer token for it.</summary>
internal sealed record Person(string Id, string Name, string Token);

internal sealed record GqlReply(HttpStatusCode Status, string? MediaType, JsonObject Body)
{
    public JsonNode? Data => Body["data"];

    public bool HasErrors => Body.ContainsKey("errors");

    public IReadOnlyList<string?> ErrorCodes =>
        Body["errors"]?.AsArray().Select(e => (string?)e!["extensions"]?["code"]).ToList() ?? [];

    public override string ToString() => $"{(int)Status} {MediaType}: {Body.ToJsonString()}";
}

/// <summary>The Community API over HTTP, as a client uses it.</summary>
internal sealed class CommunityApi(WebApplicationFactory<Program> factory)
{
    public const string Role = "backend-developer-python";

    public const string ProposalFields =
        "id status title rationale roleSlug score upVotes downVotes viewerVote createdAt updatedAt author { id name } "
        + "change { skill domain level { key } from to mandatory } review { decision note reviewer { id name } }";

    public const string Errors = "errors { __typename ... on Error { message } }";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>A token from the issuer the <c>token</c> verb prints with, for a fresh subject unless one is given.</summary>
    public Person SignIn(string name, bool expert = false, string? subject = null)
    {
        var id = subject ?? $"{name.ToLowerInvariant()}-{Guid.NewGuid():N}";
        var token = factory.Services.GetRequiredService<LocalTokenIssuer>().Issue(id, name, expert ? [SkillMatrix.Community.CommunityModule.ExpertRole] : []).Token;
        return new Person(id, name, token);
    }

    /// <summary>
    /// POSTs a request. With no Accept header the server answers application/json (auth refusals are 200); with
    /// <paramref name="graphqlResponse"/> it asks for application/graphql-response+json (auth refusals are 401/403).
    /// </summary>
    public async Task<GqlReply> SendAsync(string query, object? variables = null, string? token = null, bool graphqlResponse = false)
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query, variables }) };
        if (graphqlResponse)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/graphql-response+json"));
        }

        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        JsonObject body;
        try
        {
            body = JsonNode.Parse(text)!.AsObject();
        }
        catch (JsonException)
        {
            body = new JsonObject { ["unparsed"] = text };
        }

        return new GqlReply(response.StatusCode, response.Content.Headers.ContentType?.MediaType, body);
    }

    /// <summary>The data of a request that must answer 200 without errors.</summary>
    public async Task<JsonNode> DataAsync(string query, object? variables = null, string? token = null)
    {
        var reply = await SendAsync(query, variables, token);
        Assert.True(reply.Status == HttpStatusCode.OK && !reply.HasErrors, reply.Body.ToJsonString(Indented));
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
