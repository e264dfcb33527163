namespace Platform.Data.Schema;

public static class ResolveFieldContextExtensions
{
    /// <summary>A service of the request's scope, for resolvers (which GraphQL.NET does not construct per request).</summary>
    public static T Service<T>(this IResolveFieldContext context) where T : notnull =>
        context.RequestServices!.GetRequiredService<T>();
}
