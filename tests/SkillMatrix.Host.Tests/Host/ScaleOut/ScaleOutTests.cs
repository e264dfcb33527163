using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace SkillMatrix.Host.Tests.Host.ScaleOut;

/// <summary>
/// The load-balanced topology as it runs (<see cref="ScaleOutTopology"/>): requests through HAProxy, replicas killed
/// and started again, the client's address as the replicas see it.
/// </summary>
public sealed class ScaleOutTests(ScaleOutTopology topology, ITestOutputHelper output) : IClassFixture<ScaleOutTopology>
{
    private const string Role = "backend-developer-python";
    private const string Vote = "mutation($input: VoteOnProposalInput!) { voteOnProposal(input: $input) { proposal { id score } errors { __typename } } }";

    private static async Task<(HttpStatusCode Status, string? ServedBy, JsonNode? Body)> PostAsync(HttpClient client, string query, object? variables = null, string? token = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query, variables }) };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var servedBy = response.Headers.TryGetValues("X-Served-By", out var values) ? values.Single() : null;
        return (response.StatusCode, servedBy, text.StartsWith('{') ? JsonNode.Parse(text) : null);
    }

    private async Task<string> ProposeAsync(HttpClient client, string skill, string level)
    {
        const string Suggest = "mutation($input: SuggestChangeInput!) { suggestChange(input: $input) { proposal { id } errors { __typename } } }";
        var (status, _, body) = await PostAsync(client, Suggest,
            new { input = new { roleSlug = Role, skill, level, proficiency = "EXPERT", title = "Scale", rationale = "Out." } }, topology.IssueToken($"author-{Guid.NewGuid():N}"));
        Assert.True(status == HttpStatusCode.OK && body?["data"]?["suggestChange"]?["errors"] is null, body?.ToJsonString());
        return (string)body!["data"]!["suggestChange"]!["proposal"]!["id"]!;
    }

    private static int Key(string globalId) => int.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(globalId)).Split(':')[1], System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Requests_through_the_proxy_alternate_between_the_replicas_and_both_answer_the_same()
    {
        using var client = ScaleOutTopology.Client(topology.Proxy);
        var id = await ProposeAsync(client, "rabbitmq", "JUNIOR");
        var query = $$"""{ role(slug: "{{Role}}") { version stats { requirementCount } } proposals(first: 100) { totalCount } node(id: "{{id}}") { id } }""";

        var answers = new List<(string? ServedBy, string Data)>();
        for (var i = 0; i < 6; i++)
        {
            var (status, servedBy, body) = await PostAsync(client, query);
            Assert.Equal(HttpStatusCode.OK, status);
            answers.Add((servedBy, body!["data"]!.ToJsonString()));
        }

        // Round robin: the replicas take turns, and each answers the same data (the proposal written through one is read by both).
        Assert.All(answers.Zip(answers.Skip(1)), pair => Assert.NotEqual(pair.First.ServedBy, pair.Second.ServedBy));
        Assert.Equal(["replica-1", "replica-2"], answers.Select(a => a.ServedBy).Distinct().Order());
        Assert.Single(answers.Select(a => a.Data).Distinct());
        Assert.Contains(id, answers[0].Data, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_rate_limit_charges_the_client_the_proxy_names_and_a_forwarded_header_from_anyone_else_is_ignored()
    {
        // The whole matrix costs 1,843 points: a client's third such request in a minute is over 5,000 on a replica.
        const string Matrix = $$"""{ role(slug: "{{Role}}") { matrix { domain { name } skills { skill { name } cells { level { key } proficiency mandatory } } } } }""";
        using var first = ScaleOutTopology.Client(topology.Proxy, "127.0.0.2");
        using var second = ScaleOutTopology.Client(topology.Proxy, "127.0.0.4");

        // Through the proxy, 127.0.0.2 spends its budget on both replicas...
        var refused = 0;
        for (var i = 0; i < 20 && refused < 2; i++)
        {
            refused = (await PostAsync(first, Matrix)).Status == HttpStatusCode.TooManyRequests ? refused + 1 : 0;
        }

        Assert.Equal(2, refused);
        // ... naming another client in X-Forwarded-For does not help: the proxy appends the real one, and only that counts ...
        using (var spoof = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query = Matrix }) })
        {
            spoof.Headers.Add("X-Forwarded-For", "127.0.0.9");
            using var response = await first.SendAsync(spoof);
            Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        }

        // ... while 127.0.0.4, behind the same proxy, has its own: the replicas do not charge the proxy's address.
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(second, Matrix)).Status);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(second, Matrix)).Status);

        // Straight to a replica, X-Forwarded-For is not believed: 127.0.0.5 spends its own budget whatever it claims.
        using var direct = ScaleOutTopology.Client(topology.Replica(1), "127.0.0.5");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query = Matrix }) };
            request.Headers.Add("X-Forwarded-For", $"10.0.0.{i + 1}");
            using var response = await direct.SendAsync(request);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task Killing_a_replica_during_a_burst_of_votes_loses_no_acknowledged_vote_and_it_rejoins_on_restart()
    {
        using var client = ScaleOutTopology.Client(topology.Proxy);
        var id = await ProposeAsync(client, "api-documentation", "JUNIOR");
        var voters = Enumerable.Range(1, 160).Select(i => $"voter-{i}-{Guid.NewGuid():N}").ToList();
        var acknowledged = new System.Collections.Concurrent.ConcurrentBag<string>();
        var failed = new System.Collections.Concurrent.ConcurrentBag<string>();
        var sent = 0;

        async Task VoteAsync(string voter)
        {
            try
            {
                var (status, _, body) = await PostAsync(client, Vote, new { input = new { proposalId = id, value = "UP" } }, topology.IssueToken(voter));
                var payload = body?["data"]?["voteOnProposal"];
                (status == HttpStatusCode.OK && body?["errors"] is null && payload?["errors"] is null ? acknowledged : failed).Add(voter);
            }
            catch (HttpRequestException)
            {
                failed.Add(voter);
            }
        }

        // Six at a time; the first replica is SIGKILLed once a quarter of the votes went out.
        var burst = Parallel.ForEachAsync(voters, new ParallelOptions { MaxDegreeOfParallelism = 6 }, async (voter, _) =>
        {
            Interlocked.Increment(ref sent);
            await VoteAsync(voter);
        });
        while (Volatile.Read(ref sent) < voters.Count / 4)
        {
            await Task.Delay(5);
        }

        var sentBeforeKill = Volatile.Read(ref sent);
        topology.KillReplica(1);
        await burst;
        output.WriteLine($"SIGKILL after {sentBeforeKill} of {voters.Count} votes were sent: {acknowledged.Count} acknowledged, {failed.Count} failed");
        Assert.True(sentBeforeKill < voters.Count / 2, "the replica was killed too late in the burst");

        // Every acknowledged vote is in the database, and the tally is the votes.
        Assert.NotEmpty(acknowledged);
        foreach (var voter in acknowledged)
        {
            Assert.Equal(1, await topology.ScalarAsync("SELECT count(*) FROM community.votes WHERE \"ProposalId\" = @p AND \"MemberId\" = @m", ("p", Key(id)), ("m", voter)));
        }

        var stored = await topology.ScalarAsync("SELECT count(*) FROM community.votes WHERE \"ProposalId\" = @p", ("p", Key(id)));
        Assert.Equal(stored, await topology.ScalarAsync("SELECT \"Score\" FROM community.proposals WHERE \"Id\" = @p", ("p", Key(id))));

        // The other replica answers everything now, the votes whose answer was lost included (a vote is idempotent).
        foreach (var voter in failed)
        {
            await VoteAsync(voter);
        }

        for (var i = 0; i < 4; i++)
        {
            var (status, servedBy, _) = await PostAsync(client, "{ proposals(first: 1) { totalCount } }");
            Assert.Equal((HttpStatusCode.OK, "replica-2"), (status, servedBy));
        }

        Assert.Equal(voters.Count, await topology.ScalarAsync("SELECT \"Score\" FROM community.proposals WHERE \"Id\" = @p", ("p", Key(id))));

        // Started again, the killed replica passes HAProxy's check and takes its turn.
        var restart = Stopwatch.StartNew();
        await topology.StartReplicaAsync(1);
        var servers = new HashSet<string?>();
        while (servers.Count < 2 && restart.Elapsed < TimeSpan.FromSeconds(30))
        {
            var (status, servedBy, body) = await PostAsync(client, $$"""{ node(id: "{{id}}") { ... on Proposal { score } } }""");
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal(voters.Count, (int)body!["data"]!["node"]!["score"]!);
            servers.Add(servedBy);
            await Task.Delay(100);
        }

        Assert.Equal(["replica-1", "replica-2"], servers.Order());
        output.WriteLine($"replica 1 restarted and back in the proxy's rotation in {restart.Elapsed.TotalSeconds:F1} s");
    }
}
