using GraphQL.Validation;
using Microsoft.Extensions.Configuration;

namespace Platform.Server.Caching;

internal static class DocumentCacheServiceCollectionExtensions
{
    /// <summary>
    /// The document cache (<see cref="DocumentCache"/>), bound from <c>GraphQL:DocumentCache</c>; also a service of its
    /// own, so a test can read it. Calling it again changes nothing.
    /// </summary>
    public static IServiceCollection AddGraphQLDocumentCache(this IServiceCollection services)
    {
        // Once only: a second step would look up and store every document twice.
        if (services.Any(d => d.ServiceType == typeof(DocumentCache)))
        {
            return services;
        }

        // Bound when first read, from the container's configuration, as the limits are.
        services.AddOptions<DocumentCacheOptions>()
            .Configure<IServiceProvider>((o, provider) => provider.GetService<IConfiguration>()?.GetSection(DocumentCacheOptions.SectionName).Bind(o))
            .Validate(o => o.MaxDocuments >= 0, $"{DocumentCacheOptions.SectionName}:MaxDocuments must not be negative (0 turns the cache off).")
            .ValidateOnStart();
        services.AddSingleton<DocumentCache>();
        // A hit validates with the request-dependent rules only, which need no walk of the document: this skips it.
        services.AddSingleton<IDocumentValidator, VisitorlessWalkValidator>();
        services.AddGraphQL(graphql => graphql.ConfigureExecution(provider => provider.GetRequiredService<DocumentCache>()));
        return services;
    }
}
