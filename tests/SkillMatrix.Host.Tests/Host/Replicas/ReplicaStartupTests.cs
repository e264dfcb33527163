using System.Text.Json.Nodes;

namespace SkillMatrix.Host.Tests.Host.Replicas;

/// <summary>
/// Replicas of the Host starting at once on one empty PostgreSQL database: one migrates and seeds under the start-up
/// lock, the others wait for it, then serve the same catalog.
/// </summary>
public sealed class ReplicaStartupTests
{
    private const string RoleInsert = "INSERT INTO catalog.roles";

    [Fact]
    public async Task Two_hosts_starting_at_once_on_an_empty_database_both_serve_and_the_catalog_is_seeded_once()
    {
        var database = TestPostgres.CreateDatabase();
        try
        {
            var starting = Enumerable.Range(0, 2).Select(_ => Task.Run(() => TestHost.Start().OnPostgreSql(database).BuildAsync())).ToList();
            await using var first = await starting[0];
            await using var second = await starting[1];

            // One import wrote the role; the other replica found the catalog seeded.
            var inserts = new[] { first, second }.Sum(host => host.Statements.Statements.Count(sql => sql.Contains(RoleInsert, StringComparison.Ordinal)));
            Assert.Equal(1, inserts);
            foreach (var host in new[] { first, second })
            {
                using var ready = await host.Anonymous().GetAsync(new Uri("/health/ready", UriKind.Relative));
                Assert.Equal(System.Net.HttpStatusCode.OK, ready.StatusCode);
                var data = await host.Anonymous().QueryDataAsync("{ roles(first: 10) { totalCount } role(slug: \"backend-developer-python\") { stats { requirementCount } } }");
                Assert.Equal(1, (int)data["roles"]!["totalCount"]!);
                Assert.Equal(357, (int)data["role"]!["stats"]!["requirementCount"]!);
            }
        }
        finally
        {
            TestPostgres.DropDatabase(database);
        }
    }
}
