namespace Platform.Data.Schema;

/// <summary>The one schema: Query, Mutation and Subscription assembled from every module's <see cref="ISchemaSlice"/>.</summary>
internal sealed class ModularSchema : GraphQL.Types.Schema
{
    public ModularSchema(IServiceProvider services, IEnumerable<ISchemaSlice> slices) : base(services)
    {
        var query = new ObjectGraphType { Name = "Query" };
        var mutation = new ObjectGraphType { Name = "Mutation" };
        var subscription = new ObjectGraphType { Name = "Subscription" };
        foreach (var slice in slices)
        {
            slice.AddQueryFields(query);
            slice.AddMutationFields(mutation);
            slice.AddSubscriptionFields(subscription);
        }

        Query = query;
        // GraphQL forbids an object type without fields, so Mutation appears once a module adds one.
        Mutation = mutation.Fields.Count > 0 ? mutation : null;
        Subscription = subscription.Fields.Count > 0 ? subscription : null;
    }
}

/// <summary>
/// A slice given as a module's root-field methods (<c>XQueries.AddTo</c>, <c>XMutations.AddTo</c>), so that a module
/// needs no class of its own that only passes them on.
/// </summary>
internal sealed class RootFieldsSlice(Action<ObjectGraphType> addQueryFields, Action<ObjectGraphType>? addMutationFields,
    Action<ObjectGraphType>? addSubscriptionFields) : ISchemaSlice
{
    public void AddQueryFields(ObjectGraphType query) => addQueryFields(query);

    public void AddMutationFields(ObjectGraphType mutation) => addMutationFields?.Invoke(mutation);

    public void AddSubscriptionFields(ObjectGraphType subscription) => addSubscriptionFields?.Invoke(subscription);
}

public static class SchemaServiceCollectionExtensions
{
    public static IServiceCollection AddSchemaSlice<TSlice>(this IServiceCollection services) where TSlice : class, ISchemaSlice
    {
        services.AddSingleton<ISchemaSlice, TSlice>();
        return services;
    }

    /// <summary>A module's slice: the methods that add its root query fields and, if it has any, its mutations and subscriptions.</summary>
    public static IServiceCollection AddSchemaSlice(this IServiceCollection services, Action<ObjectGraphType> addQueryFields,
        Action<ObjectGraphType>? addMutationFields = null, Action<ObjectGraphType>? addSubscriptionFields = null)
    {
        services.AddSingleton<ISchemaSlice>(new RootFieldsSlice(addQueryFields, addMutationFields, addSubscriptionFields));
        return services;
    }
}
