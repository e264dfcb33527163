namespace SkillMatrix.Host.Tests.Host.Replicas;

/// <summary>
/// Two Hosts on one PostgreSQL database, as two replicas behind a load balancer run: the first migrates and seeds,
/// the second joins the database as it finds it. Local sign-in with the same key, so a token works on both.
/// </summary>
public sealed class TwoReplicas : IAsyncLifetime
{
    /// <summary>The review threshold: the fifty-votes test crosses it with its last vote.</summary>
    public const int ReviewThreshold = 50;

    private readonly string database = TestPostgres.CreateDatabase();
    private TestHost? first;
    private TestHost? second;

    public TestHost First => first ?? throw new InvalidOperationException("Not started.");

    public TestHost Second => second ?? throw new InvalidOperationException("Not started.");

    public string ConnectionString => database;

    public async Task InitializeAsync()
    {
        first = await Replica().BuildAsync();
        second = await Replica().BuildAsync();
    }

    private TestHostBuilder Replica() =>
        TestHost.Start().WithSignIn().WithSetting("Community:ReviewThreshold", $"{ReviewThreshold}").OnPostgreSql(database);

    /// <summary>One number from the shared database, read on a connection of the test's own.</summary>
    public Task<long> ScalarAsync(string sql, params (string Name, object Value)[] parameters) => TestPostgres.ScalarAsync(database, sql, parameters);

    public async Task DisposeAsync()
    {
        foreach (var host in new[] { second, first })
        {
            if (host is not null)
            {
                await host.DisposeAsync();
            }
        }

        TestPostgres.DropDatabase(database);
    }
}
