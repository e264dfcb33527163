using GraphQL;
using GraphQL.Execution;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SkillMatrix.BuildingBlocks.Conventions.Filtering;
using SkillMatrix.BuildingBlocks.Conventions.Paging;
using SkillMatrix.BuildingBlocks.Conventions.Sorting;
using SkillMatrix.BuildingBlocks.Limits;

namespace SkillMatrix.BuildingBlocks.Schema;

public static class GraphQLServiceCollectionExtensions
{
    /// <summary>The GraphQL.NET engine with the schema assembled from the registered slices.</summary>
    public static IServiceCollection AddSkillMatrixGraphQL(this IServiceCollection services)
    {
        services.AddGraphQL(graphql => graphql
            .AddSchema<SkillMatrixSchema>()
            // Clients read `+`, `&` and `'` as they are, not as \u002B escapes; the body is JSON, never HTML.
            .AddSystemTextJson(json => json.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping)
            .AddGraphTypes(typeof(SkillMatrixSchema).Assembly)
            // Resolvers share the request's scoped DbContexts, and a DbContext runs one command at a time.
            // Executing query fields one after another rules out "A second operation was started on this
            // context" by construction; nested data comes from one SQL statement per root field anyway.
            .AddExecutionStrategy<SerialExecutionStrategy>(GraphQLParser.AST.OperationType.Query));
        services.AddFiltering().AddSorting();
        // Connection and edge types are generic over their node type; the container makes one per node type.
        services.TryAddTransient(typeof(ConnectionGraphType<,>));
        services.TryAddTransient(typeof(EdgeGraphType<,>));
        services.AddSchemaSlice<Relay.NodeSchemaSlice>();
        // Depth, aliases, directives, introspection, cost and rate limit, from the GraphQL section of the configuration.
        services.AddGraphQLLimits();
        return services;
    }
}
