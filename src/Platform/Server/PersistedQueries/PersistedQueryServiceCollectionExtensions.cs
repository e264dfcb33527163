using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
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
}
