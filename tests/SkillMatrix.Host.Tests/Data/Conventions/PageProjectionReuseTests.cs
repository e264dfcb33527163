using System.Text.Json.Nodes;

namespace SkillMatrix.Host.Tests.Data.Conventions;

/// <summary>
/// A connection's page projection is made once per field of a cached document and reused, but only where nothing below
/// the connection depends on the request: the same document sent again with other variables (the connection's own
/// filter, a nested list's filter, an @include, an order) answers for those variables, each time.
/// </summary>
public abstract class PageProjectionReuseTests(HostFixture fixture)
{
    public sealed class OnSqlite(SeededHost host) : PageProjectionReuseTests(host), IClassFixture<SeededHost>;

    public sealed class OnPostgreSql(PostgreSqlHost<SeededHost> host) : PageProjectionReuseTests(host), IClassFixture<PostgreSqlHost<SeededHost>>;

    private TestHost Host => fixture.Host;

    [Fact]
    public async Task The_connections_own_filter_answers_for_each_requests_value()
    {
        const string query = "query($text: String!) { skills(first: 100, where: { name: { icontains: $text } }) { nodes { name domain { name } } } }";
        var client = Host.Anonymous();

        foreach (var text in new[] { "api", "sql", "api" })
        {
            var data = await client.QueryDataAsync(query, new { text });
            Assert.Equal(
                SeedCatalog.SkillNames.Where(n => n.Contains(text, StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal),
                data["skills"]!["nodes"]!.AsArray().Select(n => (string)n!["name"]!).Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public async Task A_nested_lists_filter_below_the_nodes_answers_for_each_requests_value()
    {
        const string query = """
            query($text: String!) { roles(first: 1) { nodes { skills(where: { name: { icontains: $text } }) { name } } } }
            """;
        var client = Host.Anonymous();

        foreach (var text in new[] { "api", "sql" })
        {
            var data = await client.QueryDataAsync(query, new { text });
            var names = data["roles"]!["nodes"]![0]!["skills"]!.AsArray().Select(n => (string)n!["name"]!).ToList();
            Assert.NotEmpty(names);
            Assert.All(names, name => Assert.Contains(text, name, StringComparison.OrdinalIgnoreCase));
        }
    }

    [Fact]
    public async Task A_field_left_out_by_include_on_one_request_is_read_on_the_next()
    {
        const string query = "query($slug: Boolean!) { skills(first: 3) { nodes { name slug @include(if: $slug) } } }";
        var client = Host.Anonymous();

        var without = await client.QueryDataAsync(query, new { slug = false });
        var with = await client.QueryDataAsync(query, new { slug = true });

        Assert.All(without["skills"]!["nodes"]!.AsArray(), node => Assert.False(node!.AsObject().ContainsKey("slug")));
        Assert.All(with["skills"]!["nodes"]!.AsArray(), node => Assert.False(string.IsNullOrEmpty((string?)node!["slug"])));
    }

    [Fact]
    public async Task An_order_in_a_variable_keeps_its_own_cursors()
    {
        const string query = """
            query($order: [SkillSortInput!], $after: String) {
              skills(first: 2, order: $order, after: $after) { nodes { name } pageInfo { endCursor } }
            }
            """;
        var client = Host.Anonymous();
        var descending = SeedCatalog.SkillNames.OrderDescending(StringComparer.Ordinal).ToList();
        var ascending = SeedCatalog.SkillNames.Order(StringComparer.Ordinal).ToList();

        foreach (var (direction, expected) in new[] { ("ASC", ascending), ("DESC", descending) })
        {
            var order = JsonNode.Parse($$"""[{ "name": "{{direction}}" }]""");
            var first = await client.QueryDataAsync(query, new JsonObject { ["order"] = order!.DeepClone() });
            var after = (string)first["skills"]!["pageInfo"]!["endCursor"]!;
            var second = await client.QueryDataAsync(query, new JsonObject { ["order"] = order.DeepClone(), ["after"] = after });

            Assert.Equal(expected.Take(2), first["skills"]!["nodes"]!.AsArray().Select(n => (string)n!["name"]!));
            Assert.Equal(expected.Skip(2).Take(2), second["skills"]!["nodes"]!.AsArray().Select(n => (string)n!["name"]!));
        }
    }
}
