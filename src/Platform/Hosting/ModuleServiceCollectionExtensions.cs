using Platform.Data.Persistence;
using Platform.Data.Schema;
using Platform.Hosting.Persistence;

namespace Platform.Hosting;

public static class ModuleServiceCollectionExtensions
{
    /// <summary>
    /// What every module with data and a part of the schema registers: its DbContext on the shared database (named
    /// <paramref name="module"/>), the clock its handlers read, its slice of the schema from its root-field methods
    /// (<c>XQueries.AddTo</c>, <c>XMutations.AddTo</c>, <c>XSubscriptions.AddTo</c>) and the graph types of its assembly.
    /// </summary>
    public static IServiceCollection AddModule<TContext>(this IServiceCollection services, string module,
        Action<ObjectGraphType> addQueryFields, Action<ObjectGraphType>? addMutationFields = null, Action<ObjectGraphType>? addSubscriptionFields = null)
        where TContext : ModuleDbContext
    {
        services.AddModuleDbContext<TContext>(module);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSchemaSlice(addQueryFields, addMutationFields, addSubscriptionFields);
        services.AddGraphQL(graphql => graphql.AddGraphTypes(typeof(TContext).Assembly));
        return services;
    }
}
