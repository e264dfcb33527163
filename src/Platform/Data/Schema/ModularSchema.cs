using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.Data.Schema;

/// <summary>The one schema: Query and Mutation assembled from every module's <see cref="ISchemaSlice"/>.</summary>
internal sealed class ModularSchema : GraphQL.Types.Schema
{
    public ModularSchema(IServiceProvider services, IEnumerable<ISchemaSlice> slices) : base(services)
    {
        var query = new ObjectGraphType { Name = "Query" };
        var mutation = new ObjectGraphType { Name = "Mutation" };
        foreach (var slice in slices)
        {
            slice.AddQueryFields(query);
            slice.AddMutationFields(mutation);
        }

        Query = query;
        // GraphQL forbids an object type without fields, so Mutation appears once a module adds one.
        Mutation = mutation.Fields.Count > 0 ? mutation : null;
    }
}

public static class SchemaServiceCollectionExtensions
{
    public static IServiceCollection AddSchemaSlice<TSlice>(this IServiceCollection services) where TSlice : class, ISchemaSlice
    {
        services.AddSingleton<ISchemaSlice, TSlice>();
        return services;
    }
}
