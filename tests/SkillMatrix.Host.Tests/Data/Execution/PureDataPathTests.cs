using System.Net.Http.Json;
using SkillMatrix.Host.Tests.Testing;

namespace SkillMatrix.Host.Tests.Data.Execution;

/// <summary>Two Hosts over the same seeded data, one with the pure-data path and one without it (<c>GraphQL:FastPath:Enabled</c>).</summary>
public sealed class FastAndGeneralHosts : IAsyncLifetime
{
    public TestHost Fast { get; private set; } = null!;

    public TestHost General { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Fast = await Configure(TestHost.Start()).BuildAsync();
        General = await Configure(TestHost.Start().WithSetting("GraphQL:FastPath:Enabled", "false")).BuildAsync();
    }

    public async Task DisposeAsync()
    {
        await Fast.DisposeAsync();
        await General.DisposeAsync();
    }

    private static TestHostBuilder Configure(TestHostBuilder builder) =>
        builder.WithSignIn().Seeded(async host => Assert.Equal("synthetic-role", await host.ImportSeedCopyAsync("Synthetic Role")));
}

/// <summary>
/// The pure-data path writes the bytes the general executor writes, for the README's examples and the benchmark's
/// documents, with their nulls and errors, on the real Host over the seeded catalog.
/// </summary>
public sealed class PureDataPathTests(FastAndGeneralHosts hosts) : IClassFixture<FastAndGeneralHosts>
{
    public static TheoryData<string, string?, bool> Documents => new()
    {
        // The README's examples.
        {
            """
            { role(slug: "backend-developer-python") {
                name family { name }
                levels { level { key name rank } focus techStack }
                matrix { domain { name } skills { skill { name } cells { level { key } proficiency mandatory } } }
                stats { skillCount requirementCount mandatoryCount } } }
            """, null, false
        },
        {
            """
            { skills(first: 3, where: { or: [{ name: { icontains: "api" } }, { domain: { name: { eq: "Security" } } }] },
                     order: [{ domain: { name: ASC } }, { name: DESC }]) {
                totalCount edges { cursor node { name domain { name } } } pageInfo { hasNextPage endCursor } } }
            """, null, false
        },
        {
            """
            { role(slug: "backend-developer-python") {
                requirements(where: { and: [{ level: { key: { eq: "PRINCIPAL" } } }, { skill: { domain: { slug: { eq: "security" } } } }] },
                             order: [{ skill: { name: ASC } }]) { skill { name } proficiency mandatory } } }
            """, null, false
        },
        { "{ roles(first: 10) { nodes { levels { requirements { skill { domain { name } } } } } } }", null, false },
        {
            """
            { estimateGrade(input: { roleSlug: "backend-developer-python",
                ratings: [{ skill: "rest-api-design", proficiency: WORKING }, { skill: "docker", proficiency: EXPERT }] }) {
                level { key } nextLevel { key } levels { level { key } reached coverage mandatoryCoverage }
                gaps { skill { name } required current mandatory steps } } }
            """, null, false
        },
        // The benchmark's documents (bench-peers' scenarios).
        {
            "query RolesPage($first: Int!) { roles(first: $first) { nodes { slug name matrix { domain { name } skills { skill { name } cells { level { key } proficiency mandatory } } } } } }",
            """{ "first": 10 }""", false
        },
        { "query SkillSearch($text: String!) { skills(first: 10, where: { name: { icontains: $text } }) { nodes { name domain { name } } } }", """{ "text": "api" }""", false },
        // Ids, __typename, aliases, fragments, a repeated key, nulls in the matrix and in nullable fields.
        {
            """
            { roles { nodes { id __typename s: slug summary version family { id name } ...R } } }
            fragment R on Role { levels { level { id key } l: level { rank } } skills { id slug domain { id slug } } }
            """, null, false
        },
        { "{ role(slug: \"synthetic-role\") { matrix { skills { cells { id __typename proficiency } cells { mandatory level { name } } } } } }", null, false },
        { "{ domains { name skills { name requirements(where: { level: { rank: { gte: 4 } } }) { id proficiency role { slug } } } } }", null, false },
        { "{ families { name roles { slug changes { version summary proposalId } } } }", null, false },
        // Directives depend on variables: the general path answers them; the answers must not differ.
        {
            "query Q($all: Boolean!) { roles { nodes { slug levels { focus @include(if: $all) techStack @skip(if: $all) } } } }",
            """{ "all": true }""", false
        },
        // Abstract types and errors.
        { "{ nodes(ids: [\"Um9sZToy\", \"U2tpbGw6MQ==\", \"bad\"]) { id ... on Skill { name domain { name } } ... on Role { slug } } }", null, true },
        { "{ roles(first: 1000) { nodes { slug } } }", null, true },
        { "{ role(slug: \"no-such-role\") { name matrix { domain { name } } } }", null, false },
        { "{ skills(last: 2, order: [{ name: DESC }]) { edges { cursor node { name } } pageInfo { hasPreviousPage startCursor } } }", null, false },
    };

    [Theory]
    [MemberData(nameof(Documents))]
    public async Task The_fast_path_answers_the_bytes_of_the_general_path(string query, string? variables, bool errors)
    {
        var fast = await PostAsync(hosts.Fast, query, variables);
        var general = await PostAsync(hosts.General, query, variables);

        Assert.Equal(general, fast);
        Assert.StartsWith("200 {\"", fast, StringComparison.Ordinal);
        Assert.Equal(errors, fast.Contains("\"errors\":[", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_mutation_and_the_lists_it_changes_answer_the_same_bytes()
    {
        const string suggest = """
            mutation { suggestChange(input: { roleSlug: "backend-developer-python", skill: "rest-api-design", level: "JUNIOR",
                proficiency: ADVANCED, title: "Juniors design REST", rationale: "Because" }) {
                proposal { id status score change { skill level { key } from to mandatory } }
                errors { __typename ... on Error { message } } } }
            """;
        const string list = "{ proposals { nodes { id title status score author { name } change { skill domain level { key } from to } } } }";

        foreach (var query in new[] { suggest, list })
        {
            var fast = await PostAsync(hosts.Fast, query, null, "ada");
            var general = await PostAsync(hosts.General, query, null, "ada");
            Assert.Equal(general, fast);
            Assert.DoesNotContain("\"errors\":[", fast, StringComparison.Ordinal);
        }
    }

    private static async Task<string> PostAsync(TestHost host, string query, string? variables, string? member = null)
    {
        var client = member is null ? host.Anonymous() : host.SignedInAs(member);
        var body = new Dictionary<string, object?>
        {
            ["query"] = query,
            ["variables"] = variables is null ? null : System.Text.Json.JsonDocument.Parse(variables).RootElement,
        };
        using var response = await client.PostAsync("/graphql", JsonContent.Create(body));
        return $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
    }
}
