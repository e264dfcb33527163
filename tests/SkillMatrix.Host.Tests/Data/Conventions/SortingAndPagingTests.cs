using System.Text.Json.Nodes;

namespace SkillMatrix.Host.Tests.Data.Conventions;

/// <summary>
/// <c>order</c> and keyset paging over the real Host, compared with orders the test computes from the seed page:
/// multi-key sorts, nested-object sorts, proficiency in ladder order, ties by key, and walking 357 requirements
/// forward and backward in pages of 25.
/// </summary>
public abstract class SortingAndPagingTests(HostFixture fixture)
{
    public sealed class OnSqlite(SeededHost host) : SortingAndPagingTests(host), IClassFixture<SeededHost>;

    public sealed class OnPostgreSql(PostgreSqlHost<SeededHost> host) : SortingAndPagingTests(host), IClassFixture<PostgreSqlHost<SeededHost>>;

    private TestHost Host => fixture.Host;

    private const string ByProficiencyThenSkill = "[{ proficiency: DESC }, { skill: { name: ASC } }]";
    private const string RequirementNode = "id skill { name } level { key } proficiency";

    [Fact]
    public async Task Skills_by_domain_name_descending_then_name_equal_the_independently_sorted_list()
    {
        var expected = SeedCatalog.Skills
            .OrderByDescending(s => s.Domain, StringComparer.Ordinal)
            .ThenBy(s => s.Name, StringComparer.Ordinal)
            .Select(s => $"{s.Domain} / {s.Name}")
            .ToList();
        var client = Host.Anonymous();

        var connection = await SeedCatalog.ReadConnectionAsync(client, "skills", "order: [{ domain: { name: DESC } }, { name: ASC }]", "name domain { name }");
        var nested = (await client.QueryDataAsync($$"""
            { role(slug: "{{SeedCatalog.RoleSlug}}") { skills(order: [{ domain: { name: DESC } }, { name: ASC }]) { name domain { name } } } }
            """))["role"]!["skills"]!.AsArray();

        Assert.Equal(expected, connection.Select(n => $"{(string)n["domain"]!["name"]!} / {(string)n["name"]!}"));
        Assert.Equal(expected, nested.Select(n => $"{(string)n!["domain"]!["name"]!} / {(string)n["name"]!}"));
    }

    [Fact]
    public async Task Requirements_by_proficiency_descending_then_skill_name_follow_the_ladder_with_ties_by_key()
    {
        var client = Host.Anonymous();

        var connection = await SeedCatalog.ReadConnectionAsync(client, "requirements", $"order: {ByProficiencyThenSkill}", RequirementNode);
        var nested = await NestedInOrderAsync(client);

        AssertInProficiencyThenSkillOrder(connection);
        AssertInProficiencyThenSkillOrder(nested);
        Assert.Equal(connection.Select(n => (string)n["id"]!), nested.Select(n => (string)n["id"]!));
    }

    [Fact]
    public async Task Forward_paging_by_25_visits_all_357_requirements_once_in_the_sorted_order()
    {
        var client = Host.Anonymous();
        var whole = (await NestedInOrderAsync(client)).Select(n => (string)n["id"]!).ToList();

        var forward = new List<string>();
        string? after = null;
        var pages = 0;
        while (true)
        {
            var connection = (await client.QueryDataAsync($$"""
                query($after: String) { requirements(first: 25, after: $after, order: {{ByProficiencyThenSkill}}) {
                  edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } totalCount } }
                """, new { after }))["requirements"]!;
            var edges = connection["edges"]!.AsArray();
            pages++;
            Assert.Equal(357, (int)connection["totalCount"]!);
            Assert.Equal(after is not null, (bool)connection["pageInfo"]!["hasPreviousPage"]!);
            Assert.Equal((string?)edges[0]!["cursor"], (string?)connection["pageInfo"]!["startCursor"]);
            Assert.Equal((string?)edges[^1]!["cursor"], (string?)connection["pageInfo"]!["endCursor"]);
            forward.AddRange(edges.Select(e => (string)e!["node"]!["id"]!));
            if (!(bool)connection["pageInfo"]!["hasNextPage"]!)
            {
                Assert.Equal(7, edges.Count); // 357 = 14 x 25 + 7
                break;
            }

            Assert.Equal(25, edges.Count);
            after = (string?)connection["pageInfo"]!["endCursor"];
            Assert.True(pages < 20, "forward paging does not end");
        }

        Assert.Equal(15, pages);
        Assert.Equal(357, forward.Distinct().Count());
        Assert.Equal(whole, forward);
    }

    [Fact]
    public async Task Backward_paging_by_25_visits_all_357_requirements_once_in_the_same_order()
    {
        var client = Host.Anonymous();
        var whole = (await NestedInOrderAsync(client)).Select(n => (string)n["id"]!).ToList();

        var backward = new List<List<string>>();
        string? before = null;
        while (true)
        {
            var connection = (await client.QueryDataAsync($$"""
                query($before: String) { requirements(last: 25, before: $before, order: {{ByProficiencyThenSkill}}) {
                  nodes { id } pageInfo { hasNextPage hasPreviousPage startCursor } } }
                """, new { before }))["requirements"]!;
            backward.Add([.. connection["nodes"]!.AsArray().Select(n => (string)n!["id"]!)]);
            Assert.Equal(before is not null, (bool)connection["pageInfo"]!["hasNextPage"]!);
            if (!(bool)connection["pageInfo"]!["hasPreviousPage"]!)
            {
                break;
            }

            Assert.Equal(25, backward[^1].Count);
            before = (string?)connection["pageInfo"]!["startCursor"];
            Assert.True(backward.Count < 20, "backward paging does not end");
        }

        Assert.Equal(15, backward.Count);
        Assert.Equal(7, backward[^1].Count);
        var ids = Enumerable.Reverse(backward).SelectMany(page => page).ToList();
        Assert.Equal(357, ids.Distinct().Count());
        Assert.Equal(whole, ids);
    }

    [Fact]
    public async Task Total_count_counts_the_whole_list_and_the_filtered_list()
    {
        var data = await Host.Anonymous().QueryDataAsync("""
            { all: requirements(first: 1) { totalCount } mandatory: requirements(first: 1, where: { mandatory: { eq: true } }) { totalCount }
              skills(first: 1) { totalCount } }
            """);

        Assert.Equal(SeedCatalog.Cells.Count, (int)data["all"]!["totalCount"]!);
        Assert.Equal(357, (int)data["all"]!["totalCount"]!);
        Assert.Equal(SeedCatalog.Cells.Count(c => c.Mandatory), (int)data["mandatory"]!["totalCount"]!);
        Assert.Equal(291, (int)data["mandatory"]!["totalCount"]!);
        Assert.Equal(74, (int)data["skills"]!["totalCount"]!);
    }

    [Fact]
    public async Task A_page_of_101_is_refused_with_page_size_exceeded_and_the_limit()
    {
        var response = await Host.Anonymous().PostQueryAsync("{ requirements(first: 101) { nodes { id } } }");

        Assert.Null(response["data"]?["requirements"]);
        var extensions = Assert.Single(response["errors"]!.AsArray())!["extensions"]!;
        Assert.Equal("PAGE_SIZE_EXCEEDED", (string?)extensions["code"]);
        Assert.Equal(100, (int)extensions["maxPageSize"]!);
    }

    [Fact]
    public async Task A_negative_page_size_is_an_error()
    {
        var response = await Host.Anonymous().PostQueryAsync("{ requirements(first: -1) { nodes { id } } }");

        Assert.Null(response["data"]?["requirements"]);
        Assert.Single(response["errors"]!.AsArray());
    }

    [Fact]
    public async Task Cursors_of_another_list_of_another_order_and_garbage_are_refused_with_cursor_invalid()
    {
        var client = Host.Anonymous();
        var skillCursor = (string)(await client.QueryDataAsync("{ skills(first: 2) { pageInfo { endCursor } } }"))["skills"]!["pageInfo"]!["endCursor"]!;
        var otherOrderCursor = (string)(await client.QueryDataAsync($"{{ requirements(first: 2, order: {ByProficiencyThenSkill}) {{ pageInfo {{ endCursor }} }} }}"))
            ["requirements"]!["pageInfo"]!["endCursor"]!;
        var ownCursor = (string)(await client.QueryDataAsync("{ requirements(first: 2) { pageInfo { endCursor } } }"))["requirements"]!["pageInfo"]!["endCursor"]!;

        // The same cursor is fine where it came from.
        await client.QueryDataAsync("query($c: String) { requirements(first: 2, after: $c) { nodes { id } } }", new { c = ownCursor });
        await client.QueryDataAsync($"query($c: String) {{ requirements(first: 2, after: $c, order: {ByProficiencyThenSkill}) {{ nodes {{ id }} }} }}", new { c = otherOrderCursor });

        string[] refused = [skillCursor, otherOrderCursor, "garbage", Convert.ToBase64String("{\"not\":\"a cursor\"}"u8.ToArray()), ownCursor[..^4]];
        foreach (var cursor in refused)
        {
            foreach (var argument in new[] { "first: 5, after", "last: 5, before" })
            {
                var response = await client.PostQueryAsync($"query($c: String) {{ requirements({argument}: $c) {{ nodes {{ id }} }} }}", new { c = cursor });
                Assert.Null(response["data"]?["requirements"]);
                var error = Assert.Single(response["errors"]!.AsArray())!;
                Assert.Equal("CURSOR_INVALID", (string?)error["extensions"]?["code"]);
            }
        }
    }

    // The whole list in one request: the nested list sorts in the same statement, with the same keys.
    private static async Task<List<JsonNode>> NestedInOrderAsync(HttpClient client) =>
        [.. (await client.QueryDataAsync($$"""{ role(slug: "{{SeedCatalog.RoleSlug}}") { requirements(order: {{ByProficiencyThenSkill}}) { {{RequirementNode}} } } }"""))
            ["role"]!["requirements"]!.AsArray().Select(n => n!)];

    // The order the page's letters give, computed here: proficiency down the ladder, then skill name (ordinal, the
    // page is ASCII), and within a tie the database key ascending.
    private static void AssertInProficiencyThenSkillOrder(List<JsonNode> actual)
    {
        var expected = SeedCatalog.Cells
            .OrderByDescending(c => c.ProficiencyRank)
            .ThenBy(c => c.Skill, StringComparer.Ordinal)
            .Select(c => $"{c.Proficiency} {c.Skill}")
            .ToList();
        Assert.Equal(expected, actual.Select(n => $"{(string)n["proficiency"]!} {(string)n["skill"]!["name"]!}"));
        Assert.Equal(SeedCatalog.Sorted(SeedCatalog.Cells.Select(c => c.Key)), SeedCatalog.Sorted(actual.Select(SeedCatalog.KeyOf)));

        for (var i = 1; i < actual.Count; i++)
        {
            if (expected[i] == expected[i - 1])
            {
                Assert.True(SeedCatalog.KeyOfGlobalId((string)actual[i - 1]["id"]!) < SeedCatalog.KeyOfGlobalId((string)actual[i]["id"]!),
                    $"a tie at {i} ({expected[i]}) is not broken by the key");
            }
        }
    }
}
