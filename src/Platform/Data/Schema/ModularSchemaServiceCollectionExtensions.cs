using Platform.Data.Execution;
using Platform.Data.Conventions.Filtering;
using Platform.Data.Conventions.Paging;
using Platform.Data.Conventions.Sorting;
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
            .AddValidationRule<PagingArgumentsRule>(useForCachedDocuments: true));
        services.AddOptions<PureDataOptions>();
        services.AddFiltering().AddSorting();
        // Connection and edge types are generic over their node type; the container makes one per node type.
        services.TryAddTransient(typeof(ConnectionGraphType<,>));
        services.TryAddTransient(typeof(EdgeGraphType<,>));
        services.AddSchemaSlice<NodeSchemaSlice>();
        return services;
    }
}
