namespace SkillMatrix.Host.Tests.Testing;

/// <summary>
/// One <see cref="TestHost"/> shared by the tests of a class (xunit's class fixture), built as <paramref name="configure"/>
/// says. The kinds below are the only ones tests share; a test that needs another builds its own host.
/// </summary>
public abstract class HostFixture(Func<TestHostBuilder, TestHostBuilder> configure) : IAsyncLifetime
{
    private TestHost? host;

    /// <summary>How this kind of host differs from the default, for <see cref="PostgreSqlHost{TFixture}"/>.</summary>
    internal TestHostBuilder Configure(TestHostBuilder builder) => configure(builder);

    public TestHost Host => host ?? throw new InvalidOperationException("The fixture has not been initialised.");

    public async Task InitializeAsync() => host = await configure(TestHost.Start()).BuildAsync();

    public async Task DisposeAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }
    }
}

/// <summary>The Host as an operator starts it: seeded, anonymous callers only.</summary>
public sealed class SeededHost() : HostFixture(builder => builder);

/// <summary>Local sign-in and the test-only viewer fields.</summary>
public sealed class SignedInHost() : HostFixture(builder => builder.WithSignIn().WithViewerFields());

/// <summary>Local sign-in and a second role, <see cref="OtherRole"/> (a copy of the seed under another name).</summary>
public sealed class TwoRolesHost() : HostFixture(builder => builder.WithSignIn().Seeded(async host => Assert.Equal(OtherRole, await host.ImportSeedCopyAsync("Synthetic Role"))))
{
    public const string OtherRole = "synthetic-role";
}

/// <summary>Local sign-in and a review threshold no test reaches, so that proposals stay OPEN however many vote.</summary>
public sealed class HighThresholdHost() : HostFixture(builder => builder.WithSignIn().WithSetting("Community:ReviewThreshold", "1000"));

/// <summary>In-memory spans and logs, Prometheus on, local sign-in.</summary>
public sealed class TelemetryHost() : HostFixture(builder => builder.WithSignIn().WithTelemetry())
{
    /// <summary>What the cost analysis charges for <c>role(slug:) { name }</c>: one object.</summary>
    public const int RoleNameCost = 1;
}

/// <summary>
/// The fixture <typeparamref name="TFixture"/> on PostgreSQL: a suite that runs on both databases is an abstract class
/// over <see cref="HostFixture"/> with one sealed class per provider, the SQLite one on <typeparamref name="TFixture"/>.
/// </summary>
public sealed class PostgreSqlHost<TFixture>() : HostFixture(builder => new TFixture().Configure(builder).OnPostgreSql())
    where TFixture : HostFixture, new();

/// <summary>
/// On Kestrel (WebSockets and event streams need a real socket), local sign-in, a role of its own (<see cref="Role"/>, so
/// that its events are the tests' alone) and a short WebSocket initialisation timeout.
/// </summary>
public sealed class LiveHost() : HostFixture(builder => builder.OnKestrel().WithSignIn()
    .WithSetting("GraphQL:Subscriptions:ConnectionInitTimeout", "00:00:01")
    .Seeded(async host => Assert.Equal(Role, await host.ImportSeedCopyAsync("Live Role"))))
{
    public const string Role = "live-role";
}
