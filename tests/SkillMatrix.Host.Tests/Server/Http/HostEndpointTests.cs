using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;

namespace SkillMatrix.Host.Tests.Server.Http;

/// <summary>
/// The real Host's endpoints as a client sees them: health, GET and POST to /graphql with the spec's status codes,
/// and the conventions every client relies on (paging limits and cursors, global ids) on the seeded catalog.
/// </summary>
public sealed class HostEndpointTests(SeededHost fixture) : IClassFixture<SeededHost>
{
    private TestHost Host => fixture.Host;

    private const string GraphQLResponseJson = "application/graphql-response+json";
    private const int SeededSkillCount = 74;

    [Fact]
    public async Task Live_health_answers_200()
    {
        using var response = await Host.Anonymous().GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Ready_health_answers_200_healthy_when_the_database_answers()
    {
        using var response = await Host.Anonymous().GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Ready_health_answers_503_when_the_database_stops_answering()
    {
        // A host of its own: this test breaks its database. Start-up must succeed first (it migrates and seeds), so
        // the file is broken afterwards: pooled connections are closed, then the file is overwritten with bytes that
        // are not a SQLite database. The next connection's pragmas read the header and fail with "file is not a database".
        await using var broken = await TestHost.Start().BuildAsync();
        var client = broken.Anonymous();
        using (var before = await client.GetAsync("/health/ready"))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        var path = new SqliteConnectionStringBuilder(broken.ConnectionString).DataSource;
        SqliteConnection.ClearAllPools();
        File.WriteAllText(path, string.Concat(Enumerable.Repeat("This file is not a SQLite database.\n", 200)));
        File.Delete(path + "-wal");
        File.Delete(path + "-shm");

        using var response = await client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        // The status, then each check that is down by name: every module's database check here.
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n');
        Assert.Equal("Unhealthy", lines[0]);
        Assert.Contains(lines, line => line.StartsWith("catalog-database: Unhealthy. The database does not answer.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Get_query_with_the_graphql_response_media_type_answers_200_with_the_ladder()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/graphql?query=" + Uri.EscapeDataString("{levels{key}}"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(GraphQLResponseJson));

        var (status, contentType, body) = await SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(GraphQLResponseJson, contentType);
        Assert.False(body.ContainsKey("errors"), body.ToJsonString());
        Assert.Equal(["JUNIOR", "MIDDLE", "SENIOR", "LEAD_STAFF", "PRINCIPAL"], body["data"]!["levels"]!.AsArray().Select(l => (string?)l!["key"]));
    }

    [Fact]
    public async Task Malformed_query_answers_400_with_a_coded_error_and_no_stack_trace()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query = "{ levels { key }" }) };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(GraphQLResponseJson));

        var (status, _, body) = await SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.False(body.ContainsKey("data"), body.ToJsonString());
        var error = Assert.Single(body["errors"]!.AsArray())!;
        Assert.False(string.IsNullOrEmpty((string?)error["message"]), body.ToJsonString());
        Assert.Equal("SYNTAX_ERROR", (string?)error["extensions"]?["code"]);
        // The Host runs as "Testing" here, not Development: nothing of the server's internals may leak.
        var text = body.ToJsonString();
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("stack", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_role_slug_answers_null_without_errors()
    {
        var data = await Host.Anonymous().QueryDataAsync("""{ role(slug: "nope") { name } }""");

        Assert.Null(data["role"]);
    }

    [Fact]
    public async Task Page_larger_than_100_is_refused_with_page_size_exceeded_before_anything_runs()
    {
        var response = await Host.Anonymous().PostQueryAsync("{ levels { key } roles(first: 101) { nodes { slug } } }");

        Assert.False(response.ContainsKey("data"), response.ToJsonString());
        var error = Assert.Single(response["errors"]!.AsArray())!;
        Assert.Equal("PAGE_SIZE_EXCEEDED", (string?)error["extensions"]!["code"]);
        Assert.Equal(100, (int)error["extensions"]!["maxPageSize"]!);
        Assert.Equal(101, (int)error["extensions"]!["requested"]!);
        Assert.Equal("""[{"line":1,"column":18}]""", error["locations"]!.ToJsonString());
    }

    [Theory]
    [InlineData("query($n: Int) { roles(first: $n) { nodes { slug } } }", """{ "n": 101 }""", "PAGE_SIZE_EXCEEDED")]
    [InlineData("query($n: Int) { roles(last: $n) { nodes { slug } } }", """{ "n": -1 }""", "PAGING_INVALID")]
    [InlineData("{ roles(first: 1, last: 1) { nodes { slug } } }", null, "PAGING_INVALID")]
    public async Task Wrong_page_arguments_are_validation_errors_with_the_specs_status(string query, string? variables, string code)
    {
        var reply = await Host.Anonymous().SendGraphQLAsync(GraphQLHttp.Request(query,
            variables is null ? null : System.Text.Json.JsonDocument.Parse(variables).RootElement, graphqlResponse: true));

        Assert.True(reply.Status == System.Net.HttpStatusCode.BadRequest, reply.ToString());
        Assert.Equal([code], reply.ErrorCodes);
        Assert.Null(reply.Body["data"]);
    }

    [Fact]
    public async Task Garbage_after_cursor_is_refused_with_cursor_invalid()
    {
        var response = await Host.Anonymous().PostQueryAsync("""{ skills(first: 5, after: "not-a-cursor") { nodes { name } } }""");

        Assert.Null(response["data"]!["skills"]);
        Assert.Equal("CURSOR_INVALID", (string?)Assert.Single(response["errors"]!.AsArray())!["extensions"]!["code"]);
    }

    [Fact]
    public async Task Forward_and_backward_paging_visit_every_skill_once_in_the_same_order()
    {
        var client = Host.Anonymous();

        var forward = new List<(string Id, string Name)>();
        string? after = null;
        for (var page = 0; ; page++)
        {
            Assert.True(page <= SeededSkillCount / 7 + 1, "Forward paging does not end.");
            var skills = (await client.QueryDataAsync("""
                query ($after: String) { skills(first: 7, after: $after) { nodes { id name } pageInfo { hasNextPage endCursor } } }
                """, new { after }))["skills"]!;
            var nodes = Nodes(skills);
            Assert.InRange(nodes.Count, 1, 7);
            forward.AddRange(nodes);
            if (!(bool)skills["pageInfo"]!["hasNextPage"]!)
            {
                break;
            }

            after = (string)skills["pageInfo"]!["endCursor"]!;
        }

        // Pages read from the end backwards, each page in list order: prepending them rebuilds the list.
        var backward = new List<(string Id, string Name)>();
        string? before = null;
        for (var page = 0; ; page++)
        {
            Assert.True(page <= SeededSkillCount / 7 + 1, "Backward paging does not end.");
            var skills = (await client.QueryDataAsync("""
                query ($before: String) { skills(last: 7, before: $before) { nodes { id name } pageInfo { hasPreviousPage startCursor } } }
                """, new { before }))["skills"]!;
            var nodes = Nodes(skills);
            Assert.InRange(nodes.Count, 1, 7);
            backward.InsertRange(0, nodes);
            if (!(bool)skills["pageInfo"]!["hasPreviousPage"]!)
            {
                break;
            }

            before = (string)skills["pageInfo"]!["startCursor"]!;
        }

        Assert.Equal(SeededSkillCount, forward.Count);
        Assert.Equal(SeededSkillCount, forward.Select(s => s.Id).Distinct().Count());
        Assert.Equal(forward, backward);

        static List<(string Id, string Name)> Nodes(JsonNode connection) =>
            [.. connection["nodes"]!.AsArray().Select(n => ((string)n!["id"]!, (string)n["name"]!))];
    }

    [Fact]
    public async Task Nodes_answers_null_with_invalid_id_for_a_garbage_id_and_still_fetches_the_others()
    {
        var client = Host.Anonymous();
        var skill = await FirstSkillAsync(client);

        var response = await client.PostQueryAsync("""
            query ($ids: [ID!]!) { nodes(ids: $ids) { id ... on Skill { name } } }
            """, new { ids = new[] { skill.Id, "garbage!" } });

        var nodes = response["data"]!["nodes"]!.AsArray();
        Assert.Equal(2, nodes.Count);
        Assert.Equal(skill.Name, (string?)nodes[0]!["name"]);
        Assert.Null(nodes[1]);
        Assert.Equal("INVALID_ID", (string?)Assert.Single(response["errors"]!.AsArray())!["extensions"]!["code"]);
    }

    [Fact]
    public async Task Node_fetches_a_skill_by_its_global_id()
    {
        var client = Host.Anonymous();
        var skill = await FirstSkillAsync(client);

        var node = (await client.QueryDataAsync("""
            query ($id: ID!) { node(id: $id) { __typename id ... on Skill { name } } }
            """, new { id = skill.Id }))["node"]!;

        Assert.Equal("Skill", (string?)node["__typename"]);
        Assert.Equal(skill.Id, (string?)node["id"]);
        Assert.Equal(skill.Name, (string?)node["name"]);
    }

    private static async Task<(string Id, string Name)> FirstSkillAsync(HttpClient client)
    {
        var first = (await client.QueryDataAsync("{ skills(first: 1) { nodes { id name } } }"))["skills"]!["nodes"]![0]!;
        return ((string)first["id"]!, (string)first["name"]!);
    }

    private async Task<(HttpStatusCode Status, string? ContentType, JsonObject Body)> SendAsync(HttpRequestMessage request)
    {
        using var response = await Host.Anonymous().SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var body = JsonNode.Parse(text) as JsonObject;
        Assert.True(body is not null, $"HTTP {(int)response.StatusCode} with a body that is not a JSON object: {text}");
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, body);
    }
}
