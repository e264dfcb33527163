using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Platform.Data.Persistence;

namespace Platform.Hosting.Persistence;

public static class PersistenceExtensions
{
    /// <summary>The tag of the health checks that <c>/health/ready</c> runs.</summary>
    public const string ReadyTag = "ready";

    /// <summary>
    /// The one database the modules share, named <paramref name="name"/> (see <see cref="Database.ConnectionString"/>),
    /// on the provider <c>Database:Provider</c> names; call it before any <see cref="AddModuleDbContext{TContext}"/>'s
    /// context is resolved. A provider keeps its migrations apart from the other's: SQLite's in each module's assembly,
    /// PostgreSQL's in <paramref name="postgreSqlMigrationsAssembly"/> (by default each module's assembly too).
    /// </summary>
    public static IServiceCollection AddSharedDatabase(this IServiceCollection services, string name, string? postgreSqlMigrationsAssembly = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        // Read from the built configuration, so that settings added late (tests) count.
        services.TryAddSingleton(provider =>
        {
            var configuration = provider.GetRequiredService<IConfiguration>();
            var kind = Database.Provider(configuration);
            return new DatabaseConnection(Database.ConnectionString(configuration, name, kind), kind, name, postgreSqlMigrationsAssembly);
        });
        // Npgsql's pool lives in its data source: one per process, disposed with the container.
        services.TryAddSingleton(provider => NpgsqlDataSource.Create(SharedDatabase(provider).ConnectionString));
        // SQLite takes one writer at a time: the process's mutations take turns instead of sleeping on its busy timeout.
        services.TryAddSingleton(provider => new SingleWriter(oneAtATime: SharedDatabase(provider).Provider == DatabaseProvider.Sqlite));
        // Every module's context in a request shares one connection, so that one transaction can span modules.
        services.TryAddScoped(provider => SqliteRequestConnection.Create(SharedDatabase(provider).ConnectionString));
        services.TryAddScoped(provider => provider.GetRequiredService<NpgsqlDataSource>().CreateConnection());
        services.TryAddScoped<DbConnection>(provider => SharedDatabase(provider).Provider == DatabaseProvider.PostgreSql
            ? provider.GetRequiredService<NpgsqlConnection>()
            : provider.GetRequiredService<SqliteConnection>());
        return services;
    }

    /// <summary>
    /// Registers a module's DbContext on the shared database, with its own migrations-history table (on PostgreSQL in
    /// the module's own schema, named <paramref name="module"/>), and enrols it in <see cref="DatabaseMigrator"/> so
    /// that start-up brings its tables up to date.
    /// </summary>
    public static IServiceCollection AddModuleDbContext<TContext>(this IServiceCollection services, string module)
        where TContext : DbContext
    {
        services.TryAddScoped<ModuleTransaction>();
        // A timeout cancels the request's token; this interceptor makes SQLite stop the running statement then
        // (Npgsql cancels a command on its token by itself).
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IInterceptor, SqliteInterruptOnCancellation>());
        // Row locks where a mutation reads to decide and then writes (FOR UPDATE on PostgreSQL; nothing on SQLite).
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IInterceptor, PostgreSqlRowLocks>());
        // Pooled: a context's options and its EF Core services are made once and reused, not built again for every
        // request (that was most of what a small query allocated). The options name no connection; each lease is given
        // the request's, which every module's context shares.
        services.AddPooledDbContextFactory<TContext>((provider, options) =>
        {
            var database = SharedDatabase(provider);
            var history = $"__migrations_{module}";
            var ownAssembly = typeof(TContext).Assembly.GetName().Name;
            // Interceptors registered in the container (a statement counter in tests, tracing later) see every module.
            var interceptors = provider.GetServices<IInterceptor>();
            if (database.Provider == DatabaseProvider.PostgreSql)
            {
                options.UseNpgsql(npgsql => npgsql
                        .MigrationsHistoryTable(history, module)
                        .MigrationsAssembly(database.PostgreSqlMigrationsAssembly ?? ownAssembly)
                        .ExecutionStrategy(dependencies => new PostgreSqlMutationRetries(dependencies)))
                    .AddInterceptors(interceptors);
            }
            else
            {
                options.UseSqlite(sqlite => sqlite
                        .MigrationsHistoryTable(history)
                        .MigrationsAssembly(ownAssembly))
                    .AddInterceptors([SqliteRequestConnection.Instance, .. interceptors]);
            }

            options.ConfigureWarnings(QuietFailures)
                // EF Core's check that two threads never use one context at once writes an AsyncLocal around every row
                // it reads. The executor never does that (fields resolve one after another, batch loaders too, and each
                // subscription event has its own scope), so the check runs where code is written and tested, not in
                // production.
                .EnableThreadSafetyChecks(provider.GetService<IHostEnvironment>()?.IsProduction() != true);
        });
        // In place of the scoped context the factory registers, which would have no connection.
        services.Replace(ServiceDescriptor.Scoped(provider =>
        {
            var context = provider.GetRequiredService<IDbContextFactory<TContext>>().CreateDbContext();
            context.Database.SetDbConnection(provider.GetRequiredService<DbConnection>(), contextOwnsConnection: false);
            return context;
        }));
        services.AddSingleton(new MigratedContext(typeof(TContext)));
        services.AddSingleton<DatabaseMigrator>();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck<TContext>>($"{module}-database", tags: [ReadyTag]);
        return services;
    }

    // A statement that fails reaches the GraphQL layer, which logs it once, bounded, with the trace id the client got
    // (or the endpoint's own handling); EF Core's own Error lines would say it again with the SQL and a stack trace. And
    // a statement SQLite interrupted because its request was cancelled (a client that went away) is not always
    // recognised by EF Core as a cancellation: under load they were Error lines for requests logged as cancelled.
    private static void QuietFailures(WarningsConfigurationBuilder warnings) => warnings.Log(
        (RelationalEventId.CommandError, LogLevel.Debug),
        (CoreEventId.QueryIterationFailed, LogLevel.Debug));

    private static DatabaseConnection SharedDatabase(IServiceProvider provider) => provider.GetService<DatabaseConnection>()
        ?? throw new InvalidOperationException($"Call services.{nameof(AddSharedDatabase)}(name) to say which database the modules share.");
}

/// <summary>The one database: its provider and connection string, resolved once, and the name it was given.</summary>
public sealed record DatabaseConnection(string ConnectionString, DatabaseProvider Provider = DatabaseProvider.Sqlite, string Name = "database",
    string? PostgreSqlMigrationsAssembly = null);
