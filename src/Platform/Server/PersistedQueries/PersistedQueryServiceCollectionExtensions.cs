using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Platform.Server.Http;

namespace Platform.Server.PersistedQueries;

internal static class PersistedQueryServiceCollectionExtensions
{
    /// <summary>
    /// Automatic persisted queries (<see cref="AutomaticPersistedQueries"/>), bound from <c>GraphQL:PersistedQueries</c>;
    /// the store is a service of its own, so a test can read it. Calling it again changes nothing.
    /// </summary>
    public static IServiceCollection AddGraphQLPersistedQueries(this IServiceCollection services)
    {
        // Once only: a second step would look up every hash twice.
        if (services.Any(d => d.ServiceType == typeof(AutomaticPersistedQueries)))
        {
            return services;
        }

        services.AddOptions<PersistedQueryOptions>()
            .Configure<IServiceProvider>((o, provider) => provider.GetService<IConfiguration>()?.GetSection(PersistedQueryOptions.SectionName).Bind(o))
            .Validate(o => o.MaxDocuments >= 0, $"{PersistedQueryOptions.SectionName}:MaxDocuments must not be negative.")
            .ValidateOnStart();
        services.AddSingleton<PersistedQueryStore>();
        services.AddSingleton<AutomaticPersistedQueries>();
        services.AddSingleton<IGraphQLQuerySource>(provider => provider.GetRequiredService<AutomaticPersistedQueries>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IGraphQLErrorStatus, PersistedQueryNotFoundStatus>());
        services.AddGraphQL(graphql => graphql.ConfigureExecution(provider => provider.GetRequiredService<AutomaticPersistedQueries>()));
        return services;
    }

    /// <summary>
    /// Persisted operations from a manifest (<see cref="PersistedOperations"/>), bound from
    /// <c>GraphQL:PersistedOperations</c>; the manifest is read when the options are first built, and a missing or
    /// broken one stops start-up. Off by default. Calling it again changes nothing.
    /// </summary>
    public static IServiceCollection AddGraphQLPersistedOperations(this IServiceCollection services)
    {
        // Once only: a second step would look up every id twice.
        if (services.Any(d => d.ServiceType == typeof(PersistedOperations)))
        {
            return services;
        }

        services.AddOptions<PersistedOperationOptions>()
            .Configure<IServiceProvider>((o, provider) => provider.GetService<IConfiguration>()?.GetSection(PersistedOperationOptions.SectionName).Bind(o))
            // The content root is where a relative path in appsettings.json is meant from; without a host, the
            // working directory.
            .PostConfigure<IServiceProvider>((o, provider) => o.Load(provider.GetService<IHostEnvironment>()?.ContentRootPath ?? Directory.GetCurrentDirectory()))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PersistedOperationOptions>, PersistedOperationOptionsValidator>());
        services.AddSingleton<PersistedOperations>();
        services.AddSingleton<IGraphQLQuerySource>(provider => provider.GetRequiredService<PersistedOperations>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IGraphQLErrorStatus, PersistedOperationErrorStatus>());
        services.AddGraphQL(graphql => graphql.ConfigureExecution(provider => provider.GetRequiredService<PersistedOperations>()));
        return services;
    }
}
