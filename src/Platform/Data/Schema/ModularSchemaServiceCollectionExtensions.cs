using Platform.Data.Execution;
using Platform.Data.Conventions.Filtering;
using Platform.Data.Conventions.Paging;
using Platform.Data.Conventions.Sorting;
using Platform.Data.Events;
using Platform.Data.Relay;

namespace Platform.Data.Schema;

public static class ModularSchemaServiceCollectionExtensions
{
    /// <summary>
    /// The GraphQL.NET engine with the schema assembled from the registered slices, and the data conventions every
    /// slice uses: filtering, sorting, connections, global ids. Transport, limits and serialization are the server's.
    /// </summary>
    public static IServiceCollection AddModularSchema(this IServiceCollection services)
    {
        services.AddGraphQL(graphql => graphql
            .AddSchema<ModularSchema>()
            .AddGraphTypes(typeof(ModularSchema).Assembly)
            // Resolvers share the request's scoped DbContexts, and a DbContext runs one command at a time.
            // Executing query fields one after another rules out "A second operation was started on this
            // context" by construction; nested data comes from one SQL statement per root field anyway.
            // Lists of pure data skip the per-field machinery (PureDataExecutionStrategy says which).
            .AddExecutionStrategy<PureDataExecutionStrategy>(GraphQLParser.AST.OperationType.Query)
            // Page sizes depend on variables, so the rule runs on cached documents too.
            .AddValidationRule<PagingArgumentsRule>(useForCachedDocuments: true)
            // Each event of a subscription runs its fields in a scope of its own (DbContexts, batch loaders), one
            // field after another as queries do.
            .AddExecutionStrategy<ScopedSubscriptionExecutionStrategy>(GraphQLParser.AST.OperationType.Subscription));
        // Live events: published after a mutation's commit, in this process (a bus across replicas replaces it).
        services.TryAddSingleton<IEventBus, InProcessEventBus>();
        services.TryAddScoped<EventOutbox>();
        services.AddOptions<PureDataOptions>();
        services.AddFiltering().AddSorting();
        // Connection and edge types are generic over their node type; the container makes one per node type.
        services.TryAddTransient(typeof(ConnectionGraphType<,>));
        services.TryAddTransient(typeof(EdgeGraphType<,>));
        services.AddSchemaSlice<NodeSchemaSlice>();
        return services;
    }
}
