using System.Text.Json.Nodes;

namespace SkillMatrix.Host.Tests.Data.Conventions;

/// <summary>
/// Resolvers of one request share its scoped DbContext, which runs one command at a time: a query with many root
/// fields that each run SQL, with batch loaders below them, must answer without "A second operation was started
/// on this context".
/// </summary>
public abstract class SharedDbContextTests(HostFixture fixture)
{
    public sealed class OnSqlite(SeededHost host) : SharedDbContextTests(host), IClassFixture<SeededHost>;

    public sealed class OnPostgreSql(PostgreSqlHost<SeededHost> host) : SharedDbContextTests(host), IClassFixture<PostgreSqlHost<SeededHost>>;

    private TestHost Host => fixture.Host;

    [Fact]
    public async Task Many_root_fields_with_nested_loaders_answer_without_errors()
    {
        var client = Host.Anonymous();
        var ids = await client.QueryDataAsync($$"""
            { role(slug: "{{SeedCatalog.RoleSlug}}") { id family { id } }
              skills(first: 2) { nodes { id } } levels { id } domains { id } requirements(first: 2) { nodes { id } } }
            """);
        var roleId = (string)ids["role"]!["id"]!;
        string[] manyIds =
        [
            (string)ids["role"]!["family"]!["id"]!,
            (string)ids["skills"]!["nodes"]![1]!["id"]!,
            (string)ids["levels"]![4]!["id"]!,
            (string)ids["domains"]![0]!["id"]!,
            (string)ids["requirements"]!["nodes"]![0]!["id"]!,
            roleId,
        ];

        var query = $$"""
            query($id: ID!, $ids: [ID!]!) {
              role(slug: "{{SeedCatalog.RoleSlug}}") { name matrix { domain { name } skills { skill { name } cells { proficiency } } }
                stats { skillCount requirementCount mandatoryCount byLevel { level { key } mandatoryCount } byDomain { domain { name } skillCount } } }
              roles(first: 5, where: { requirements: { some: { mandatory: { eq: true } } } }) { totalCount nodes { slug
                matrix { skills { cells { mandatory } } } stats { requirementCount byLevel { level { rank } } } } }
              skills(first: 100, where: { name: { icontains: "a" } }, order: [{ domain: { name: ASC } }, { name: DESC }]) { totalCount nodes { name domain { name } } }
              requirements(first: 100, order: [{ proficiency: DESC }]) { totalCount edges { cursor node { skill { name } level { key } } } }
              levels(order: [{ rank: DESC }]) { key }
              domains(where: { skills: { any: true } }) { name skills(order: [{ name: ASC }]) { name } }
              families { name roles { slug } }
              node(id: $id) { id ... on Role { slug stats { mandatoryCount } } }
              nodes(ids: $ids) { id ... on Skill { name } ... on Level { key } ... on Domain { name } ... on Requirement { proficiency } ... on RoleFamily { name } ... on Role { stats { skillCount } } }
            }
            """;

        for (var attempt = 0; attempt < 5; attempt++)
        {
            var response = await client.PostQueryAsync(query, new { id = roleId, ids = manyIds });

            var text = response.ToJsonString();
            Assert.DoesNotContain("second operation", text, StringComparison.OrdinalIgnoreCase);
            Assert.False(response.ContainsKey("errors"), text);
            var data = response["data"]!;
            Assert.Equal(291, (int)data["role"]!["stats"]!["mandatoryCount"]!);
            Assert.Equal(357, data["role"]!["matrix"]!.AsArray().Sum(d => d!["skills"]!.AsArray().Sum(s => s!["cells"]!.AsArray().Count(c => c is not null))));
            Assert.Equal(291, (int)data["node"]!["stats"]!["mandatoryCount"]!);
            Assert.Equal(74, (int)data["nodes"]![5]!["stats"]!["skillCount"]!);
            Assert.All(data["nodes"]!.AsArray(), node => Assert.NotNull(node));
            Assert.Equal(SeedCatalog.Skills.Count(s => s.Name.Contains('a', StringComparison.OrdinalIgnoreCase)), (int)data["skills"]!["totalCount"]!);
            Assert.Equal(357, (int)data["requirements"]!["totalCount"]!);
            Assert.Equal(Enumerable.Reverse(SeedCatalog.LadderKeys), data["levels"]!.AsArray().Select(l => (string)l!["key"]!));
            Assert.Equal(14, data["domains"]!.AsArray().Count);
            Assert.Equal(1, (int)data["roles"]!["totalCount"]!);
            Assert.Equal(357, ((JsonArray)data["roles"]!["nodes"]![0]!["matrix"]!).Sum(d => d!["skills"]!.AsArray().Sum(s => s!["cells"]!.AsArray().Count(c => c is not null))));
        }
    }
}
