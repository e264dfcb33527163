using System.Text.Json.Nodes;

namespace SkillMatrix.Host.Tests.Data.Conventions;

/// <summary>
/// A lookup of one role keeps its projected query, compiled, with the field of a cached document, but only where the
/// selection below it is the same on every execution: the same document sent again answers for its new variables, a
/// kept query answers as EF Core's own path does, and a selection that depends on the request is made for each one.
/// </summary>
public abstract class KeptQueryTests(HostFixture fixture)
{
    public sealed class OnSqlite(SeededHost host) : KeptQueryTests(host), IClassFixture<SeededHost>;

    public sealed class OnPostgreSql(PostgreSqlHost<SeededHost> host) : KeptQueryTests(host), IClassFixture<PostgreSqlHost<SeededHost>>;

    private TestHost Host => fixture.Host;

    [Fact]
    public async Task The_same_lookup_sent_again_answers_for_its_new_slug()
    {
        const string query = "query($slug: String!) { role(slug: $slug) { name levels { level { key } } } }";
        var client = Host.Anonymous();

        foreach (var (slug, name) in new[] { ("no-such-role", null), (SeedCatalog.RoleSlug, "Backend Developer (Python)"), ("no-such-role", null) })
        {
            var role = (await client.QueryDataAsync(query, new { slug }))["role"];

            Assert.Equal(name, (string?)role?["name"]);
            Assert.Equal(name is null ? 0 : 5, role?["levels"]!.AsArray().Count ?? 0);
        }
    }

    [Fact]
    public async Task A_lookup_through_its_kept_query_answers_as_one_made_afresh()
    {
        // Plain, the query is kept with the document; with an @include below the role it is made for each request and
        // run through EF Core's own query cache. Both hold a nested list (the ladder), read in a statement of its own.
        const string kept = """
            query($slug: String!) { role(slug: $slug) { name slug family { name } levels { level { key rank } focus techStack } } }
            """;
        const string afresh = """
            query($slug: String!, $yes: Boolean!) { role(slug: $slug) { name slug @include(if: $yes) family { name } levels { level { key rank } focus techStack } } }
            """;
        var client = Host.Anonymous();

        for (var i = 0; i < 2; i++)
        {
            var fromKept = await client.QueryDataAsync(kept, new { slug = SeedCatalog.RoleSlug });
            var fromCache = await client.QueryDataAsync(afresh, new { slug = SeedCatalog.RoleSlug, yes = true });

            Assert.Equal(SeedCatalog.LadderKeys, fromKept["role"]!["levels"]!.AsArray().Select(l => (string)l!["level"]!["key"]!));
            Assert.True(JsonNode.DeepEquals(fromKept, fromCache), fromKept.ToJsonString());
        }
    }

    [Fact]
    public async Task A_field_left_out_by_include_below_the_lookup_on_one_request_is_read_on_the_next()
    {
        const string query = "query($slug: String!, $family: Boolean!) { role(slug: $slug) { name family @include(if: $family) { name } } }";
        var client = Host.Anonymous();

        foreach (var family in new[] { false, true, false })
        {
            var role = (await client.QueryDataAsync(query, new { slug = SeedCatalog.RoleSlug, family }))["role"]!.AsObject();

            Assert.Equal("Backend Developer (Python)", (string?)role["name"]);
            Assert.Equal(family, role.ContainsKey("family"));
            Assert.True(!family || !string.IsNullOrEmpty((string?)role["family"]!["name"]));
        }
    }
}
