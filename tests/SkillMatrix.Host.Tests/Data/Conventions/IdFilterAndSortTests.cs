namespace SkillMatrix.Host.Tests.Data.Conventions;

/// <summary>
/// <c>id</c> in filters (HotChocolate's <c>IdOperationFilterInput</c>: <c>eq neq in nin</c> over global ids) and in
/// sorts (by the key the id encodes), over the real Host; the ids are the ones the API answers, the expected answers
/// are computed from them and the seed page. An id that is malformed or of another type is a field error with
/// <c>INVALID_ID</c>, never a 500 and never an empty answer.
/// </summary>
public abstract class IdFilterAndSortTests(HostFixture fixture)
{
    public sealed class OnSqlite(SeededHost host) : IdFilterAndSortTests(host), IClassFixture<SeededHost>;

    public sealed class OnPostgreSql(PostgreSqlHost<SeededHost> host) : IdFilterAndSortTests(host), IClassFixture<PostgreSqlHost<SeededHost>>;

    private TestHost Host => fixture.Host;

    private sealed record Skill(string Id, string Name, string DomainId, string Domain);

    private async Task<List<Skill>> SkillsAsync() =>
        [.. (await SeedCatalog.ReadConnectionAsync(Host.Anonymous(), "skills", "", "id name domain { id name }"))
            .Select(n => new Skill((string)n["id"]!, (string)n["name"]!, (string)n["domain"]!["id"]!, (string)n["domain"]!["name"]!))];

    [Fact]
    public async Task Eq_neq_in_and_nin_take_global_ids_on_the_connection_and_on_a_nested_list()
    {
        var skills = await SkillsAsync();
        Assert.Equal(74, skills.Count);
        var (redis, cqrs) = (skills.Single(s => s.Name == "Redis"), skills.Single(s => s.Name == "CQRS"));
        var cases = new (string Where, IEnumerable<string> Expected)[]
        {
            ($$"""{ id: { eq: "{{redis.Id}}" } }""", ["Redis"]),
            ($$"""{ id: { neq: "{{redis.Id}}" } }""", skills.Where(s => s != redis).Select(s => s.Name)),
            ($$"""{ id: { in: ["{{redis.Id}}", "{{cqrs.Id}}"] } }""", ["Redis", "CQRS"]),
            ($$"""{ id: { nin: ["{{redis.Id}}", "{{cqrs.Id}}"] } }""", skills.Where(s => s != redis && s != cqrs).Select(s => s.Name)),
            ($$"""{ domain: { id: { eq: "{{redis.DomainId}}" } } }""", skills.Where(s => s.Domain == redis.Domain).Select(s => s.Name)),
            ($$"""{ or: [{ id: { eq: "{{redis.Id}}" } }, { domain: { id: { eq: "{{cqrs.DomainId}}" } } }] }""",
                skills.Where(s => s == redis || s.Domain == cqrs.Domain).Select(s => s.Name)),
        };
        var client = Host.Anonymous();

        foreach (var (where, names) in cases)
        {
            var expected = SeedCatalog.Sorted(names);
            var connection = await SeedCatalog.ReadConnectionAsync(client, "skills", $"where: {where}", "name");
            var nested = (await client.QueryDataAsync($$"""{ role(slug: "{{SeedCatalog.RoleSlug}}") { skills(where: {{where}}) { name } } }"""))
                ["role"]!["skills"]!.AsArray();

            Assert.Equal(expected, SeedCatalog.Sorted(connection.Select(n => (string)n["name"]!)));
            Assert.Equal(expected, SeedCatalog.Sorted(nested.Select(n => (string)n!["name"]!)));
        }
    }

    [Fact]
    public async Task Ids_in_variables_filter_as_literals_do_and_a_nested_object_id_reaches_the_requirements()
    {
        var skills = await SkillsAsync();
        var redis = skills.Single(s => s.Name == "Redis");
        var client = Host.Anonymous();

        var byVariable = await client.QueryDataAsync("query($ids: [ID]) { skills(first: 100, where: { id: { in: $ids } }) { nodes { name } } }",
            new { ids = new[] { redis.Id } });
        var cells = await client.QueryDataAsync("query($skill: ID) { requirements(first: 100, where: { skill: { id: { eq: $skill } } }) { nodes { skill { name } level { key } } } }",
            new { skill = redis.Id });

        Assert.Equal(["Redis"], byVariable["skills"]!["nodes"]!.AsArray().Select(n => (string)n!["name"]!));
        Assert.Equal(SeedCatalog.Sorted(SeedCatalog.Cells.Where(c => c.Skill == "Redis").Select(c => c.Key)),
            SeedCatalog.Sorted(cells["requirements"]!["nodes"]!.AsArray().Select(SeedCatalog.KeyOf)));
    }

    [Fact]
    public async Task The_id_of_a_skill_that_does_not_exist_matches_nothing()
    {
        var missing = Convert.ToBase64String("Skill:999999"u8.ToArray());

        var data = await Host.Anonymous().QueryDataAsync($$"""{ skills(where: { id: { eq: "{{missing}}" } }) { totalCount } }""");

        Assert.Equal(0, (int)data["skills"]!["totalCount"]!);
    }

    [Theory]
    [InlineData("eq: \"{domain}\"", "is the id of a Domain, not of a Skill")]
    [InlineData("in: [\"{redis}\", \"{domain}\"]", "is the id of a Domain, not of a Skill")]
    [InlineData("eq: \"garbage\"", "is not a valid id")]
    [InlineData("neq: \"U2tpbGw6MA==\"", "is not a valid id")] // Skill:0
    [InlineData("nin: [\"U2tpbGw6MDE=\"]", "is not a valid id")] // Skill:01, a second spelling of Skill:1
    public async Task A_malformed_id_or_an_id_of_another_type_is_invalid_id_on_the_field(string operation, string message)
    {
        var skills = await SkillsAsync();
        var redis = skills.Single(s => s.Name == "Redis");
        operation = operation.Replace("{domain}", redis.DomainId, StringComparison.Ordinal).Replace("{redis}", redis.Id, StringComparison.Ordinal);

        foreach (var query in new[]
        {
            $$"""{ skills(where: { id: { {{operation}} } }) { nodes { name } } }""",
            $$"""{ role(slug: "{{SeedCatalog.RoleSlug}}") { skills(where: { id: { {{operation}} } }) { name } } }""",
        })
        {
            var reply = await Host.Anonymous().QueryAsync(query);

            Assert.Equal(System.Net.HttpStatusCode.OK, reply.Status);
            var error = Assert.Single(reply.Body["errors"]!.AsArray())!;
            Assert.Equal("INVALID_ID", (string?)error["extensions"]!["code"]);
            Assert.Contains(message, (string)error["message"]!, StringComparison.Ordinal);
            Assert.NotNull(error["path"]);
        }
    }

    [Theory]
    [InlineData("ASC")]
    [InlineData("DESC")]
    public async Task Order_by_id_is_by_the_key_on_the_connection_and_on_a_nested_list(string direction)
    {
        var client = Host.Anonymous();

        var connection = await SeedCatalog.ReadConnectionAsync(client, "skills", $"order: [{{ id: {direction} }}]", "id");
        var nested = (await client.QueryDataAsync($$"""{ role(slug: "{{SeedCatalog.RoleSlug}}") { skills(order: { id: {{direction}} }) { id } } }"""))
            ["role"]!["skills"]!.AsArray();

        var keys = connection.Select(n => SeedCatalog.KeyOfGlobalId((string)n["id"]!)).ToList();
        Assert.Equal(74, keys.Count);
        Assert.Equal(direction == "ASC" ? keys.Order() : keys.OrderDescending(), keys);
        Assert.Equal(connection.Select(n => (string)n["id"]!), nested.Select(n => (string)n!["id"]!));
    }

    [Fact]
    public async Task Order_by_a_nested_objects_id_then_the_written_next_field()
    {
        var data = await Host.Anonymous().QueryDataAsync(
            $$"""{ role(slug: "{{SeedCatalog.RoleSlug}}") { skills(order: [{ domain: { id: DESC }, name: ASC }]) { name domain { id } } } }""");

        var actual = data["role"]!["skills"]!.AsArray().Select(n => (SeedCatalog.KeyOfGlobalId((string)n!["domain"]!["id"]!), (string)n["name"]!)).ToList();
        Assert.Equal(actual.OrderByDescending(a => a.Item1).ThenBy(a => a.Item2, StringComparer.Ordinal), actual);
        Assert.True(actual.Select(a => a.Item1).Distinct().Count() > 1);
    }
}
