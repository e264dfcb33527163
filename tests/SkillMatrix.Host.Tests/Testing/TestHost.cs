using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Platform.Hosting.Security;
using SkillMatrix.Catalog.Contracts;

namespace SkillMatrix.Host.Tests.Testing;

/// <summary>A signed-in person: the token's subject, display name and a bearer token for them.</summary>
internal sealed record Person(string Id, string Name, string Token);

/// <summary>
/// The real Host in process over its own SQLite file (or PostgreSQL database, <see cref="TestHostBuilder.OnPostgreSql"/>), migrated and seeded from seeds/ by the Host's own start-up, with a
/// counter of the SQL statements it runs. Every end-to-end test goes through this one host; <see cref="Start"/> says how
/// it differs from the default (settings, sign-in, test-only fields, telemetry capture, extra seed data).
/// </summary>
public sealed class TestHost : IAsyncDisposable, IDisposable
{
    private readonly Factory factory;
    private readonly TelemetryCapture? telemetry;
    private bool disposed;

    private TestHost(Factory factory, TelemetryCapture? telemetry)
    {
        this.factory = factory;
        this.telemetry = telemetry;
    }

    public static TestHostBuilder Start() => new();

    internal static async Task<TestHost> BuildAsync(TestHostBuilder builder)
    {
        var telemetry = builder.CaptureTelemetry ? new TelemetryCapture(builder.CaptureSpans) : null;
        var factory = new Factory(builder, telemetry, builder.PostgreSql ? builder.SharedPostgreSqlDatabase ?? TestPostgres.CreateDatabase() : null);
        var host = new TestHost(factory, telemetry);
        try
        {
            if (builder.Kestrel)
            {
                // Port 0: the OS picks a free port, so parallel test runs never collide; ServerAddress reads it back.
                factory.UseKestrel(0);
                factory.StartServer();
            }
            else
            {
                factory.CreateClient().Dispose(); // starts the Host: migrated and seeded
            }

            foreach (var seed in builder.Seeds)
            {
                await seed(host);
            }

            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    internal SqlStatementCounter Statements => factory.Statements;

    /// <summary>The SQLite file of a host on SQLite.</summary>
    public string DatabasePath => factory.PostgreSqlConnectionString is null ? factory.DatabasePath
        : throw new InvalidOperationException("A host on PostgreSQL has no database file.");

    public bool OnPostgreSql => factory.PostgreSqlConnectionString is not null;

    public string ConnectionString => factory.PostgreSqlConnectionString ?? new SqliteConnectionStringBuilder { DataSource = DatabasePath }.ToString();

    public IServiceProvider Services => factory.Services;

    /// <summary>Every table's rows as text, sorted: equal dumps mean no row was added, removed or changed.</summary>
    public string DumpDatabase() => OnPostgreSql ? TestPostgres.Dump(ConnectionString) : Host.Cli.HostCommand.Dump(DatabasePath);

    /// <summary>The spans and logs the Host exported; only on a host built <see cref="TestHostBuilder.WithTelemetry"/>.</summary>
    internal TelemetryCapture Telemetry => telemetry ?? throw new InvalidOperationException("Build the host WithTelemetry() to read its telemetry.");

    /// <summary>
    /// The address Kestrel bound on a host built <see cref="TestHostBuilder.OnKestrel"/>: it replaces the requested
    /// http://127.0.0.1:0 with the port it actually got.
    /// </summary>
    public IReadOnlyCollection<string> ServerAddresses =>
        factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];

    public HttpClient Anonymous() => factory.CreateClient();

    /// <summary>A client whose every request carries a member's token for the subject <paramref name="name"/>.</summary>
    public HttpClient SignedInAs(string name) => WithToken(IssueToken(name, name));

    /// <summary>A client whose every request carries an expert's token for the subject <paramref name="name"/>.</summary>
    public HttpClient SignedInAsExpert(string name) => WithToken(IssueToken(name, name, SkillMatrix.Community.CommunityModule.ExpertRole));

    /// <summary>A token from the issuer the <c>token</c> verb prints with (the Host's own LocalTokenIssuer).</summary>
    public string IssueToken(string subject, string? name = null, params string[] roles) =>
        factory.Services.GetRequiredService<LocalTokenIssuer>().Issue(subject, name, roles).Token;

    /// <summary>A person with a fresh subject (unless <paramref name="subject"/> is given), so that tests never share one.</summary>
    internal Person SignIn(string name, bool expert = false, string? subject = null)
    {
        var id = subject ?? $"{name.ToLowerInvariant()}-{Guid.NewGuid():N}";
        return new Person(id, name, expert ? IssueToken(id, name, SkillMatrix.Community.CommunityModule.ExpertRole) : IssueToken(id, name));
    }

    /// <summary>
    /// Imports a copy of the seed page under the title <paramref name="title"/>, through the catalog's own importer, with
    /// <paramref name="editLine"/> applied to every line after the title; returns the new role's slug.
    /// </summary>
    public async Task<string> ImportSeedCopyAsync(string title, Func<string, string>? editLine = null)
    {
        var seed = await File.ReadAllLinesAsync(Path.Combine(AppContext.BaseDirectory, "seeds", "backend-developer-python.txt"));
        var path = Path.Combine(Path.GetTempPath(), $"seed-copy-{Guid.NewGuid():N}.txt");
        await File.WriteAllLinesAsync(path, [title, .. seed[1..].Select(editLine ?? (line => line))]);
        try
        {
            using var scope = Services.CreateScope();
            return (await scope.ServiceProvider.GetRequiredService<ICatalogSeeding>().ImportFileAsync(path)).RoleSlug;
        }
        finally
        {
            File.Delete(path);
        }
    }

    private HttpClient WithToken(string token)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        await factory.DisposeAsync();
        factory.DeleteDatabase();
    }

    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        factory.Dispose();
        factory.DeleteDatabase();
    }

    /// <summary>
    /// All of a host's configuration goes into this one factory, so no test needs WithWebHostBuilder (which would build a
    /// second Host over the same database file).
    /// </summary>
    private sealed class Factory(TestHostBuilder builder, TelemetryCapture? telemetry, string? postgreSql) : WebApplicationFactory<Program>
    {
        public string DatabasePath { get; } = Path.Combine(Path.GetTempPath(), $"skillmatrix-test-{Guid.NewGuid():N}.db");

        public string? PostgreSqlConnectionString => postgreSql;

        public SqlStatementCounter Statements { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder web)
        {
            web.UseEnvironment("Testing");
            if (postgreSql is null)
            {
                web.UseSetting("ConnectionStrings:SkillMatrix", new SqliteConnectionStringBuilder { DataSource = DatabasePath }.ToString());
            }
            else
            {
                web.UseSetting("Database:Provider", "PostgreSQL");
                web.UseSetting("ConnectionStrings:SkillMatrix", postgreSql);
            }

            // Tests of the timeout set their own; the rest must not fail because a loaded CI machine is slow.
            web.UseSetting("GraphQL:ExecutionTimeout", "00:01:00");
            telemetry?.Configure(web);
            foreach (var (key, value) in builder.Settings)
            {
                web.UseSetting(key, value);
            }

            web.ConfigureTestServices(services =>
            {
                services.AddSingleton<IInterceptor>(Statements);
                telemetry?.ConfigureServices(services);
                foreach (var configure in builder.Services)
                {
                    configure(services);
                }
            });
        }

        public void DeleteDatabase()
        {
            if (postgreSql is not null)
            {
                if (builder.SharedPostgreSqlDatabase is null)
                {
                    TestPostgres.DropDatabase(postgreSql);
                }

                return;
            }

            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(DatabasePath + suffix);
            }
        }
    }
}
