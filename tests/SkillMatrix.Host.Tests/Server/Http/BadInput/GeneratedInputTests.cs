using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace SkillMatrix.Host.Tests.Server.Http.BadInput;

/// <summary>
/// 2,400 randomly damaged versions of the README's queries against the running Host (a seeded generator, so a run
/// replays): none may be a 5xx or an unexpected exception, every error must be coded and leak nothing, and the
/// server must answer a valid query correctly afterwards.
/// </summary>
public sealed partial class GeneratedInputTests(SeededHost fixture, ITestOutputHelper output) : IClassFixture<SeededHost>
{
    private TestHost Host => fixture.Host;

    private const int Seed = 20261125;
    private const int Requests = 2400;
    private const int Parallelism = 4;

    private const string PagingExample = """
        { skills(first: 3, where: { or: [{ name: { icontains: "api" } }, { domain: { name: { eq: "Security" } } }] },
                 order: [{ domain: { name: ASC } }, { name: DESC }]) {
            totalCount edges { cursor node { name domain { name } } } pageInfo { hasNextPage endCursor } } }
        """;

    public static readonly string[] ValidQueries =
    [
        """
        { role(slug: "backend-developer-python") { name family { name } levels { level { key name rank } focus techStack }
          matrix { domain { name } skills { skill { name } cells { level { key } proficiency mandatory } } }
          stats { skillCount requirementCount mandatoryCount } } }
        """,
        PagingExample,
        """
        { role(slug: "backend-developer-python") {
            requirements(where: { and: [{ level: { key: { eq: "PRINCIPAL" } } }, { skill: { domain: { slug: { eq: "security" } } } }] },
                         order: [{ skill: { name: ASC } }]) { skill { name } proficiency mandatory } } }
        """,
        """
        { estimateGrade(input: { roleSlug: "backend-developer-python",
                                 ratings: [{ skill: "rest-api-design", proficiency: WORKING }, { skill: "docker", proficiency: EXPERT }] }) {
            level { key } nextLevel { key } levels { level { key } reached coverage mandatoryCoverage }
            gaps { skill { name } required current mandatory steps } } }
        """,
        "{ roles(first: 10) { nodes { levels { requirements { skill { domain { name } } } } } } }",
        "{ role(slug: \"backend-developer-python\") { version changes { summary proposalId } watcherCount } }",
        "query Ladder { levels(order: [{ rank: DESC }]) { key name rank } domains { name slug } }",
        "{ nodes(ids: [\"U2tpbGw6MQ==\", \"U2tpbGw6Mg==\"]) { id ... on Skill { name } } node(id: \"U2tpbGw6Mw==\") { id } }",
        "{ proposalStats(roleSlug: \"backend-developer-python\") { __typename } families { name roles { name slug } } }",
        "query Q { role(slug: \"backend-developer-python\") { ...R } } fragment R on Role { name levels { level { key } techStack } }",
        "{ requirements(last: 5, order: [{ proficiency: DESC }]) { edges { cursor node { proficiency mandatory } } pageInfo { hasPreviousPage startCursor } } }",
        "{ proposals(first: 5, where: { status: { eq: OPEN } }) { nodes { title status score } totalCount } }",
        "{ __schema { queryType { name } types { name kind fields { name } } } }",
        "mutation { watchRole(input: { roleSlug: \"backend-developer-python\" }) { role { watcherCount } errors { __typename } } }",
    ];

    [Fact]
    public async Task Thousands_of_mutated_queries_get_no_5xx_and_the_server_still_answers()
    {
        var random = new Random(Seed);
        var mutator = new QueryMutator(random);
        // Generated up front, in order, so the seed alone decides every request whatever the parallelism.
        var bodies = Enumerable.Range(0, Requests).Select(i => Body(mutator, ValidQueries[i % ValidQueries.Length], i)).ToList();

        var statuses = new ConcurrentDictionary<int, int>();
        var codes = new ConcurrentDictionary<string, int>();
        var failures = new ConcurrentQueue<(string Text, bool LoneSurrogate)>();
        var client = Host.Anonymous();
        var watch = Stopwatch.StartNew();

        await Parallel.ForEachAsync(bodies, new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (body, cancellationToken) =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new StringContent(body.Json, new UTF8Encoding(false), "application/json") };
            request.Headers.TryAddWithoutValidation("Accept", body.Accept);
            RawReply reply;
            try
            {
                reply = await client.SendRawAsync(request).WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
            }
            catch (Exception ex) when (ex is HttpRequestException or TimeoutException or IOException)
            {
                statuses.AddOrUpdate(0, 1, (_, n) => n + 1);
                failures.Enqueue(($"#{body.Index}: no answer ({ex.GetType().Name}: {ex.Message})\n  request: {Cut(body.Json)}", LoneSurrogateEscape().IsMatch(body.Json)));
                return;
            }

            statuses.AddOrUpdate((int)reply.Status, 1, (_, n) => n + 1);
            foreach (var code in reply.Codes.Distinct())
            {
                codes.AddOrUpdate(code ?? "(none)", 1, (_, n) => n + 1);
            }

            if (Problem(reply) is { } problem)
            {
                failures.Enqueue(($"#{body.Index}: {problem}\n  request: {Cut(body.Json)}\n  answer: {reply}", LoneSurrogateEscape().IsMatch(body.Json)));
            }
        });

        output.WriteLine($"{Requests} requests (seed {Seed}, {Parallelism} at a time) in {watch.Elapsed.TotalSeconds:F1} s");
        output.WriteLine("status histogram:");
        foreach (var (status, count) in statuses.OrderBy(s => s.Key))
        {
            output.WriteLine($"  {(status == 0 ? "no answer" : status.ToString(System.Globalization.CultureInfo.InvariantCulture)),-9} {count,5}");
        }

        output.WriteLine("error codes (requests carrying each):");
        foreach (var (code, count) in codes.OrderByDescending(c => c.Value))
        {
            output.WriteLine($"  {code,-32} {count,5}");
        }

        // Today's known cause (MalformedRequestTests.Invalid_UTF8_and_lone_surrogates_are_400_not_500): say how many it explains.
        output.WriteLine($"{failures.Count} failures, {failures.Count(f => f.LoneSurrogate)} of them with a lone surrogate escaped in the request; the first ten:");
        foreach (var (failure, _) in failures.Take(10))
        {
            output.WriteLine(failure);
        }

        output.WriteLine("the first ten of any other cause:");
        foreach (var (failure, _) in failures.Where(f => !f.LoneSurrogate).Take(10))
        {
            output.WriteLine(failure);
        }

        // The server still answers, and correctly.
        var after = await client.PostQueryAsync(PagingExample);
        Assert.True(after.Status == HttpStatusCode.OK && after.Json!["errors"] is null, after.ToString());
        Assert.Equal(9, (int)after.Json!["data"]!["skills"]!["totalCount"]!);
        Assert.Equal(["WebSocket API Design", "REST API Design", "API Versioning Strategies"],
            after.Json["data"]!["skills"]!["edges"]!.AsArray().Select(e => (string?)e!["node"]!["name"]));
        var ladder = await client.GetRawAsync("/graphql?query=" + Uri.EscapeDataString("{ levels { key } }"));
        Assert.Equal(HttpStatusCode.OK, ladder.Status);
        Assert.Equal(5, ladder.Json!["data"]!["levels"]!.AsArray().Count);

        Assert.True(failures.IsEmpty, $"{failures.Count} of {Requests} answers were 5xx, unexpected or leaky; first: {failures.FirstOrDefault().Text}");
    }

    /// <summary>What is wrong with an answer to a damaged query, or null: any JSON GraphQL answer below 500 will do.</summary>
    private static string? Problem(RawReply reply)
    {
        if ((int)reply.Status >= 500)
        {
            return $"a {(int)reply.Status}";
        }

        if (reply.Json is null)
        {
            return "the body is not a JSON object";
        }

        if (reply.Json["errors"] is JsonArray errors)
        {
            if (errors.Count == 0 || errors.Any(e => string.IsNullOrEmpty((string?)e?["extensions"]?["code"])))
            {
                return "an error without a code";
            }

            if (reply.Codes.Contains("INTERNAL"))
            {
                return "an unexpected exception (INTERNAL)";
            }
        }
        else if (reply.Status != HttpStatusCode.OK || reply.Json["data"] is null)
        {
            return "neither data nor errors";
        }

        try
        {
            RawHttp.AssertNoLeak(reply.Text);
        }
        catch (Xunit.Sdk.XunitException ex)
        {
            return ex.Message;
        }

        return null;
    }

    private sealed record GeneratedBody(int Index, string Json, string Accept);

    private static GeneratedBody Body(QueryMutator mutator, string query, int index)
    {
        var mutated = mutator.Mutate(query);
        var operationName = mutator.OperationName();
        var variables = mutator.Variables();
        var json = new StringBuilder("{\"query\": ").Append(RawJson.Quote(mutated));
        if (operationName is not null)
        {
            json.Append(", \"operationName\": ").Append(RawJson.Quote(operationName));
        }

        if (variables is not null)
        {
            json.Append(", \"variables\": ").Append(JsonSerializer.Serialize(variables));
        }

        // Both media types: their status codes differ for the same error.
        return new GeneratedBody(index, json.Append('}').ToString(), index % 3 == 0 ? RawHttp.Json : RawHttp.GraphQLResponseJson);
    }

    private static string Cut(string text) => text.Length > 600 ? text[..600] + "..." : text;

    [System.Text.RegularExpressions.GeneratedRegex(@"\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F])|(?<!\\u[dD][89abAB][0-9a-fA-F]{2})\\u[dD][c-fC-F]")]
    private static partial System.Text.RegularExpressions.Regex LoneSurrogateEscape();
}
