namespace Platform.Data.Schema;

/// <summary>
/// A module's part of the one schema: the root fields it adds. Each module registers one with
/// <c>services.AddSchemaSlice(XQueries.AddTo, XMutations.AddTo)</c> (or a class of its own with
/// <see cref="SchemaServiceCollectionExtensions.AddSchemaSlice{TSlice}"/>); the schema knows no module.
/// </summary>
public interface ISchemaSlice
{
    void AddQueryFields(ObjectGraphType query);

    void AddMutationFields(ObjectGraphType mutation) { }

    /// <summary>Subscription fields: each a stream resolver (<c>ResolveStream</c>) over the event bus, and a resolver from the event to the field's value.</summary>
    void AddSubscriptionFields(ObjectGraphType subscription) { }
}
