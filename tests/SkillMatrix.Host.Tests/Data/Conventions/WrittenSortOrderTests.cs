using System.Text.Json.Nodes;

namespace SkillMatrix.Host.Tests.Data.Conventions;

/// <summary>
/// An <c>order</c> entry that names several fields sorts by them in the order written, as HotChocolate does, whatever
/// order the schema declares them in (<c>SkillSortInput</c> declares <c>name</c> before <c>domain</c>): in a literal,
/// in a nested object, through variables, in a list of entries and as a single entry, on the connection and on a
/// nested list. Each shape is asked both ways round, and the two ways give different answers.
/// </summary>
public abstract class WrittenSortOrderTests(HostFixture fixture)
{
    public sealed class OnSqlite(SeededHost host) : WrittenSortOrderTests(host), IClassFixture<SeededHost>;

    public sealed class OnPostgreSql(PostgreSqlHost<SeededHost> host) : WrittenSortOrderTests(host), IClassFixture<PostgreSqlHost<SeededHost>>;

    private TestHost Host => fixture.Host;

    private const string SkillNode = "name domain { name }";

    // Domain name descending, then skill name: what `{ domain: { name: DESC }, name: ASC }` asks for.
    private static List<string> DomainThenName => [.. SeedCatalog.Skills
        .OrderByDescending(s => s.Domain, StringComparer.Ordinal).ThenBy(s => s.Name, StringComparer.Ordinal)
        .Select(s => $"{s.Domain} / {s.Name}")];

    // Skill name first: names are unique, so the domain that follows never decides.
    private static List<string> NameThenDomain => [.. SeedCatalog.Skills
        .OrderBy(s => s.Name, StringComparer.Ordinal)
        .Select(s => $"{s.Domain} / {s.Name}")];

    [Fact]
    public void The_two_orders_differ_on_the_seed_page()
    {
        Assert.NotEqual(DomainThenName, NameThenDomain);
        Assert.Equal(SeedCatalog.Sorted(DomainThenName), SeedCatalog.Sorted(NameThenDomain));
    }

    [Theory]
    [InlineData("[{ domain: { name: DESC }, name: ASC }]", true)]
    [InlineData("[{ name: ASC, domain: { name: DESC } }]", false)]
    [InlineData("{ domain: { name: DESC }, name: ASC }", true)] // one entry without the list brackets
    [InlineData("{ name: ASC, domain: { name: DESC } }", false)]
    [InlineData("[{ domain: { name: DESC }, name: ASC }, { slug: DESC }]", true)]
    [InlineData("[{ name: ASC, domain: { name: DESC } }, { slug: DESC }]", false)]
    public async Task A_literal_entry_with_two_fields_sorts_by_the_first_written(string order, bool domainFirst)
    {
        var client = Host.Anonymous();
        var expected = domainFirst ? DomainThenName : NameThenDomain;

        var connection = await SeedCatalog.ReadConnectionAsync(client, "skills", $"order: {order}", SkillNode);
        var nested = (await client.QueryDataAsync($$"""{ role(slug: "{{SeedCatalog.RoleSlug}}") { skills(order: {{order}}) { {{SkillNode}} } } }"""))
            ["role"]!["skills"]!.AsArray();

        Assert.Equal(expected, Names(connection));
        Assert.Equal(expected, Names(nested));
    }

    [Theory]
    [InlineData("""[{ "domain": { "name": "DESC" }, "name": "ASC" }]""", true)]
    [InlineData("""[{ "name": "ASC", "domain": { "name": "DESC" } }]""", false)]
    [InlineData("""{ "domain": { "name": "DESC" }, "name": "ASC" }""", true)]
    [InlineData("""{ "name": "ASC", "domain": { "name": "DESC" } }""", false)]
    public async Task The_whole_order_in_a_variable_sorts_as_the_json_writes_it(string order, bool domainFirst)
    {
        var client = Host.Anonymous();
        var variables = JsonNode.Parse($$"""{ "order": {{order}} }""");

        var connection = await client.QueryDataAsync($"query($order: [SkillSortInput!]) {{ skills(first: 100, order: $order) {{ nodes {{ {SkillNode} }} }} }}", variables);
        var nested = await client.QueryDataAsync(
            $$"""query($order: [SkillSortInput!]) { role(slug: "{{SeedCatalog.RoleSlug}}") { skills(order: $order) { {{SkillNode}} } } }""", variables);

        Assert.Equal(domainFirst ? DomainThenName : NameThenDomain, Names(connection["skills"]!["nodes"]!.AsArray()));
        Assert.Equal(domainFirst ? DomainThenName : NameThenDomain, Names(nested["role"]!["skills"]!.AsArray()));
    }

    [Theory]
    [InlineData("[$entry]", """{ "entry": { "domain": { "name": "DESC" }, "name": "ASC" } }""", true)]
    [InlineData("[$entry]", """{ "entry": { "name": "ASC", "domain": { "name": "DESC" } } }""", false)]
    [InlineData("[{ domain: $domain, name: ASC }]", """{ "domain": { "name": "DESC" } }""", true)]
    [InlineData("[{ name: ASC, domain: $domain }]", """{ "domain": { "name": "DESC" } }""", false)]
    public async Task A_variable_inside_a_literal_keeps_both_orders(string order, string variables, bool domainFirst)
    {
        var declarations = variables.Contains("\"entry\"", StringComparison.Ordinal) ? "$entry: SkillSortInput!" : "$domain: DomainSortInput";

        var data = await Host.Anonymous().QueryDataAsync(
            $"query({declarations}) {{ skills(first: 100, order: {order}) {{ nodes {{ {SkillNode} }} }} }}", JsonNode.Parse(variables));

        Assert.Equal(domainFirst ? DomainThenName : NameThenDomain, Names(data["skills"]!["nodes"]!.AsArray()));
    }

    [Theory]
    [InlineData("[{ domain: { name: DESC }, name: ASC }]", true)]
    [InlineData("[{ name: ASC, domain: { name: DESC } }]", false)]
    public async Task A_variables_default_sorts_as_the_operation_writes_it(string byDefault, bool domainFirst)
    {
        var data = await Host.Anonymous().QueryDataAsync(
            $"query($order: [SkillSortInput!] = {byDefault}) {{ skills(first: 100, order: $order) {{ nodes {{ {SkillNode} }} }} }}");

        Assert.Equal(domainFirst ? DomainThenName : NameThenDomain, Names(data["skills"]!["nodes"]!.AsArray()));
    }

    [Theory]
    [InlineData("[{ skill: { domain: { name: DESC }, name: ASC } }]", true)]
    [InlineData("[{ skill: { name: ASC, domain: { name: DESC } } }]", false)]
    public async Task Fields_inside_a_nested_object_sort_in_the_order_written(string order, bool domainFirst)
    {
        var expected = SeedCatalog.Cells
            .OrderByDescending(c => domainFirst ? c.Domain : "", StringComparer.Ordinal)
            .ThenBy(c => c.Skill, StringComparer.Ordinal)
            .Select(c => c.Skill).Distinct().ToList();
        var client = Host.Anonymous();

        var connection = await SeedCatalog.ReadConnectionAsync(client, "requirements", $"order: {order}", "skill { name } level { key }");
        var nested = (await client.QueryDataAsync($$"""{ role(slug: "{{SeedCatalog.RoleSlug}}") { requirements(order: {{order}}) { skill { name } } } }"""))
            ["role"]!["requirements"]!.AsArray();

        Assert.Equal(expected, connection.Select(n => (string)n["skill"]!["name"]!).Distinct());
        Assert.Equal(expected, nested.Select(n => (string)n!["skill"]!["name"]!).Distinct());
    }

    [Fact]
    public async Task One_nested_list_selected_twice_with_the_fields_in_two_orders_is_a_conflict()
    {
        var response = await Host.Anonymous().PostQueryAsync($$"""
            { role(slug: "{{SeedCatalog.RoleSlug}}") {
                a: skills(order: [{ domain: { name: DESC }, name: ASC }]) { name }
                b: skills(order: [{ name: ASC, domain: { name: DESC } }]) { name } } }
            """);

        Assert.Equal("PROJECTION_CONFLICT", (string?)response["errors"]![0]!["extensions"]!["code"]);
    }

    private static List<string> Names(IEnumerable<JsonNode?> nodes) =>
        [.. nodes.Select(n => $"{(string)n!["domain"]!["name"]!} / {(string)n["name"]!}")];
}
