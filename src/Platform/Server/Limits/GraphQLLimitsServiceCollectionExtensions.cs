using Microsoft.Extensions.Options;
using Microsoft.Extensions.Configuration;
using Platform.Server.Http;

namespace Platform.Server.Limits;

public static class GraphQLLimitsServiceCollectionExtensions
{
    /// <summary>
    /// The query limits, cost analysis and rate limiting of <see cref="GraphQLLimitsOptions"/>, bound from the
    /// <c>GraphQL</c> section of the application's configuration; <paramref name="configure"/> runs after that binding.
    /// An execution step applies the rest (document size and tokens, timeout, cost report, no suggestions) and the
    /// 429 of the rate limit is registered for the GraphQL-over-HTTP endpoint. Calling it again only adds <paramref name="configure"/>.
    /// </summary>
    public static IServiceCollection AddGraphQLLimits(this IServiceCollection services, Action<GraphQLLimitsOptions>? configure = null)
    {
        var options = services.AddOptions<GraphQLLimitsOptions>();

        // Once only: a second registration would bind twice and add the rules twice (each reporting its errors twice).
        if (!services.Any(d => d.ServiceType == typeof(LimitsRegistered)))
        {
            services.AddSingleton<LimitsRegistered>();
            // Bound when first read, from the container's configuration, so every source (test settings included) is
            // in; without an IConfiguration (a bare ServiceCollection) the defaults stand.
            options.Configure<IServiceProvider>((o, provider) =>
                provider.GetService<IConfiguration>()?.GetSection(GraphQLLimitsOptions.SectionName).Bind(o));
            options.Validate(o => o.MaxDepth > 0 && o.MaxAliases >= 0 && o.MaxDirectives >= 0 && o.MaxTokens > 0 && o.MaxDocumentBytes > 0
                    && o.MaxIntrospectionOfTypeDepth > 0 && o.MaxValidationErrors > 0 && o.MaxInputDepth > 0 && o.Cost.MaxQueryCost > 0 && o.Cost.AssumedListSize >= 0 && o.Cost.MutationCost >= 0
                    && o.RateLimit.PointsPerMinute > 0 && o.ExecutionTimeout >= TimeSpan.Zero,
                    $"The {GraphQLLimitsOptions.SectionName} limits must be positive (an ExecutionTimeout of 0 means none).")
                .ValidateOnStart();

            services.TryAddScoped<GraphQLRequestLimits>();
            services.TryAddSingleton<GraphQLRateLimiter>();
            // In this process unless the host registers a store the replicas share.
            services.TryAddSingleton<IRateLimitBuckets, InProcessRateLimitBuckets>();
            services.AddHttpContextAccessor();
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IGraphQLErrorStatus, RateLimitedErrorStatus>());
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IGraphQLResponseHeaders, RateLimitHeaders>());
            // `GET /graphql?sdl` is the schema by another door: with introspection off it is shut too.
            services.AddOptions<GraphQLHttpOptions>().PostConfigure<IOptions<GraphQLLimitsOptions>>((http, limits) =>
                http.EnableSdl &= limits.Value.Introspection);
            services.AddGraphQL(graphql => graphql
                .ConfigureExecution<LimitsExecution>()
                .AddValidationRule<QueryShapeRule>()
                // The cost depends on the variables, so it also runs on documents served from a document cache.
                .AddValidationRule<QueryCostRule>(useForCachedDocuments: true));
        }

        if (configure is not null)
        {
            options.Configure(configure);
        }

        return services;
    }

    private sealed class LimitsRegistered;
}
