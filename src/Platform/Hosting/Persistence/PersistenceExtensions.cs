using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Platform.Data.Persistence;

namespace Platform.Hosting.Persistence;

public static class PersistenceExtensions
{
    /// <summary>The tag of the health checks that <c>/health/ready</c> runs.</summary>
    public const string ReadyTag = "ready";

    /// <summary>
    /// The one database the modules share, named <paramref name="name"/> (see <see cref="Database.ConnectionString"/>);
    /// call it before any <see cref="AddModuleDbContext{TContext}"/>'s context is resolved.
    /// </summary>
    public static IServiceCollection AddSharedDatabase(this IServiceCollection services, string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        // Read from the built configuration, so that settings added late (tests) count.
        services.TryAddSingleton(provider => new DatabaseConnection(Database.ConnectionString(provider.GetRequiredService<IConfiguration>(), name)));
        return services;
    }

    /// <summary>
    /// Registers a module's DbContext on the shared database, with its own migrations-history table, and
    /// enrols it in <see cref="DatabaseMigrator"/> so that start-up brings its tables up to date.
    /// </summary>
    public static IServiceCollection AddModuleDbContext<TContext>(this IServiceCollection services, string module)
        where TContext : DbContext
    {
        // Every module's context in a request shares one connection, so that one transaction can span modules.
        services.TryAddScoped(provider => new SqliteConnection((provider.GetService<DatabaseConnection>()
            ?? throw new InvalidOperationException($"Call services.{nameof(AddSharedDatabase)}(name) to say which database the modules share.")).ConnectionString));
        services.TryAddScoped<ModuleTransaction>();
        // A timeout cancels the request's token; this interceptor makes SQLite stop the running statement then.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IInterceptor, SqliteInterruptOnCancellation>());
        services.AddDbContext<TContext>((provider, options) => options
            .UseSqlite(provider.GetRequiredService<SqliteConnection>(), sqlite => sqlite
                .MigrationsHistoryTable($"__migrations_{module}")
                .MigrationsAssembly(typeof(TContext).Assembly.GetName().Name))
            // Interceptors registered in the container (a statement counter in tests, tracing later) see every module.
            .AddInterceptors([SqlitePragmas.Instance, .. provider.GetServices<IInterceptor>()]));
        services.AddSingleton(new MigratedContext(typeof(TContext)));
        services.AddSingleton<DatabaseMigrator>();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck<TContext>>($"{module}-database", tags: [ReadyTag]);
        return services;
    }
}

/// <summary>The one database's connection string, resolved once.</summary>
public sealed record DatabaseConnection(string ConnectionString);
