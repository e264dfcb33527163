using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Platform.Hosting.Security;

namespace SkillMatrix.Bench;

/// <summary>A row of the table: what is sent, by each client at each iteration.</summary>
internal sealed record Scenario(string Key, string Title, Func<int, long, RequestSpec> Request, bool IsBaseline = false);

/// <summary>The issue's six scenarios (the fourth as two rows: page 1 and page 500), the baseline, and the three documents of bench-peers' compare.sh, over the synthetic catalog.</summary>
internal static class Scenarios
{
    public const int RequirementsPageSize = 50;
    public const int FarPage = 500;

    /// <summary>Scenario 1, and what the baseline answers by hand: the page's whole table of one role.</summary>
    public const string MatrixQuery = """
        query Matrix($slug: String!) {
          role(slug: $slug) {
            name family { name }
            levels { level { key name rank } focus techStack }
            matrix { domain { name } skills { skill { name } cells { level { key } proficiency mandatory } } }
          }
        }
        """;

    private const string RolesPageQuery = """
        query RolesPage {
          roles(first: 10) {
            nodes { slug name levels { level { key } requirements { skill { name } proficiency mandatory } } }
            pageInfo { hasNextPage endCursor }
          }
        }
        """;

    private const string SkillSearchQuery = """
        query SkillSearch {
          skills(first: 20,
                 where: { or: [{ name: { icontains: "api" } }, { domain: { name: { eq: "Security" } } }] },
                 order: [{ domain: { name: ASC } }, { name: DESC }]) {
            totalCount
            edges { cursor node { slug name domain { name } } }
            pageInfo { hasNextPage endCursor }
          }
        }
        """;

    // The three documents of ../shared/bench-peers (scenarios.json), so this bench and compare.sh
    // measure the same requests (the same text, without the file's final newline).
    private const string PeerMatrixQuery = """
        query Matrix($slug: String!) {
          role(slug: $slug) {
            name
            levels { level { key name rank } focus techStack }
            matrix { domain { name } skills { skill { name } cells { level { key } proficiency mandatory } } }
            stats { skillCount requirementCount mandatoryCount }
          }
        }
        """;

    private const string PeerRolesPageQuery = """
        query RolesPage($first: Int!) {
          roles(first: $first) {
            nodes { slug name matrix { domain { name } skills { skill { name } cells { level { key } proficiency mandatory } } } }
          }
        }
        """;

    private const string PeerSkillSearchQuery = """
        query SkillSearch($text: String!) {
          skills(first: 10, where: { name: { icontains: $text } }) { nodes { name domain { name } } }
        }
        """;

    private const string RequirementsPageQuery = """
        query RequirementsPage($first: Int!, $after: String) {
          requirements(first: $first, after: $after) {
            edges { cursor node { proficiency mandatory role { slug } skill { name } level { key } } }
            pageInfo { hasNextPage endCursor }
          }
        }
        """;

    private const string EndCursorQuery = """
        query EndCursor($first: Int!, $after: String) { requirements(first: $first, after: $after) { pageInfo { endCursor } } }
        """;

    private const string EstimateQuery = """
        query Estimate($input: EstimateGradeInput!) {
          estimateGrade(input: $input) {
            level { key } nextLevel { key }
            levels { level { key } reached coverage mandatoryCoverage }
            gaps { skill { name } required current mandatory steps }
          }
        }
        """;

    private const string SuggestMutation = """
        mutation Suggest($input: SuggestChangeInput!) { suggestChange(input: $input) { proposal { id } errors { __typename ... on Error { message } } } }
        """;

    private const string VoteMutation = """
        mutation Vote($input: VoteOnProposalInput!) { voteOnProposal(input: $input) { proposal { score status } errors { __typename } } }
        """;

    /// <summary>Prepares what the scenarios need (a far cursor, proposals, tokens) through the API itself, then lists them.</summary>
    public static async Task<IReadOnlyList<Scenario>> PrepareAsync(HttpClient http, IServiceProvider services, CatalogShape catalog, int clients)
    {
        var graphql = new Uri(http.BaseAddress!, "/graphql");
        var role = catalog.RoleSlugs[0];

        // The cursor that starts page 500, found by walking the 499 pages before it as a client would.
        string? cursor = null;
        for (var page = 1; page < FarPage; page++)
        {
            var answer = await PostAsync(http, EndCursorQuery, new { first = RequirementsPageSize, after = cursor });
            cursor = answer["data"]!["requirements"]!["pageInfo"]!["endCursor"]?.GetValue<string>()
                ?? throw new InvalidOperationException($"The requirements end before page {FarPage}; the catalog is too small.");
        }

        // One open proposal per client, on a cell of another role than scenario 1's, by a member who never votes.
        var tokens = services.GetRequiredService<LocalTokenIssuer>();
        var author = tokens.Issue("bench-author", "Bench Author").Token;
        var proposals = new string[clients];
        for (var i = 0; i < clients; i++)
        {
            var input = new
            {
                roleSlug = catalog.RoleSlugs[(1 + i / catalog.SkillSlugs.Count) % catalog.RoleSlugs.Count],
                skill = catalog.SkillSlugs[i % catalog.SkillSlugs.Count],
                level = "JUNIOR",
                proficiency = "EXPERT",
                title = $"Bench proposal {i + 1}",
                rationale = "Synthetic load for the benchmark.",
            };
            var answer = await PostAsync(http, SuggestMutation, new { input }, author);
            proposals[i] = answer["data"]?["suggestChange"]?["proposal"]?["id"]?.GetValue<string>()
                ?? throw new InvalidOperationException($"suggestChange failed: {answer.ToJsonString()}");
        }

        // Each client votes as its own member: UP, DOWN, then takes the vote back, so every request writes.
        var votes = Enumerable.Range(0, clients).Select(i =>
        {
            var token = tokens.Issue($"bench-voter-{i + 1}", $"Bench Voter {i + 1}").Token;
            return new[] { "UP", "DOWN", null }
                .Select(value => new RequestSpec(HttpMethod.Post, graphql, Body(VoteMutation, new { input = new { proposalId = proposals[i], value } }), token))
                .ToArray();
        }).ToArray();

        var ratings = catalog.SkillSlugs.Select((skill, i) => new { skill, proficiency = (i % 5) switch { 0 => null, 1 => "AWARENESS", 2 => "WORKING", 3 => "ADVANCED", _ => "EXPERT" } });

        return
        [
            Fixed("baseline", "baseline: scenario 1 by hand (SQL + Utf8JsonWriter)",
                new RequestSpec(HttpMethod.Get, new Uri(http.BaseAddress!, BaselineMatrixEndpoint.Route.Replace("{slug}", role, StringComparison.Ordinal))), isBaseline: true),
            Fixed("matrix", "1. full matrix of one role", Post(graphql, MatrixQuery, new { slug = role })),
            Fixed("roles-page", "2. page of 10 roles, levels, requirements", Post(graphql, RolesPageQuery, new { })),
            Fixed("skill-search", "3. filtered, sorted skill search", Post(graphql, SkillSearchQuery, new { })),
            Fixed("requirements-page-1", "4a. requirements, page 1 (of 50)", Post(graphql, RequirementsPageQuery, new { first = RequirementsPageSize, after = (string?)null })),
            Fixed("requirements-page-500", $"4b. requirements, page {FarPage} (of 50)", Post(graphql, RequirementsPageQuery, new { first = RequirementsPageSize, after = cursor })),
            Fixed("estimate-grade", $"5. estimateGrade, {catalog.SkillSlugs.Count} ratings", Post(graphql, EstimateQuery, new { input = new { roleSlug = role, ratings } })),
            new("vote", "6. voteOnProposal (UP, DOWN, none)", (client, iteration) => votes[client][iteration % 3]),
            Fixed("peer-matrix", "peers 1. bench-peers' full matrix (with stats)", Post(graphql, PeerMatrixQuery, new { slug = role })),
            Fixed("peer-roles-page", "peers 2. bench-peers' page of 10 roles with matrices", Post(graphql, PeerRolesPageQuery, new { first = 10 })),
            Fixed("peer-skill-search", "peers 3. bench-peers' skill search (icontains)", Post(graphql, PeerSkillSearchQuery, new { text = "api" })),
        ];
    }

    /// <summary>Scenario 1's data from GraphQL and from the baseline must be the same document, or the ratio means nothing.</summary>
    public static async Task<string?> CompareBaselineAsync(HttpClient http, string role)
    {
        var graphql = await PostAsync(http, MatrixQuery, new { slug = role });
        var baseline = JsonNode.Parse(await http.GetStringAsync(BaselineMatrixEndpoint.Route.Replace("{slug}", role, StringComparison.Ordinal)))!;
        return JsonNode.DeepEquals(graphql, baseline)
            ? null
            : $"GraphQL: {Cut(graphql.ToJsonString())}\nbaseline: {Cut(baseline.ToJsonString())}";

        static string Cut(string text) => text.Length <= 600 ? text : text[..600] + "...";
    }

    private static Scenario Fixed(string key, string title, RequestSpec request, bool isBaseline = false) => new(key, title, (_, _) => request, isBaseline);

    private static RequestSpec Post(Uri graphql, string query, object variables) => new(HttpMethod.Post, graphql, Body(query, variables));

    private static byte[] Body(string query, object variables) => JsonSerializer.SerializeToUtf8Bytes(new { query, variables });

    private static async Task<JsonNode> PostAsync(HttpClient http, string query, object variables, string? token = null)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query, variables }) };
        if (token is not null)
        {
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await http.SendAsync(message);
        var text = await response.Content.ReadAsStringAsync();
        var answer = JsonNode.Parse(text) ?? throw new InvalidOperationException($"{(int)response.StatusCode}: empty answer");
        return answer["errors"] is null ? answer : throw new InvalidOperationException($"{(int)response.StatusCode}: {text}");
    }
}
