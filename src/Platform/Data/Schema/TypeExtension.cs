namespace Platform.Data.Schema;

/// <summary>
/// Fields a module adds to an object type another module owns (Community adds <c>Role.proposals</c>), as
/// HotChocolate's type extensions do. The owning type applies every extension registered for its name and hands
/// over how to read the key of its objects; it never learns which module extended it.
/// </summary>
public abstract class TypeExtension(string typeName)
{
    public string TypeName { get; } = typeName;

    /// <summary>Adds fields to <paramref name="type"/>; <paramref name="keyOf"/> reads the key of a source object.</summary>
    public abstract void Extend(IComplexGraphType type, Func<object, int> keyOf);
}

public static class TypeExtensionExtensions
{
    public static IServiceCollection AddTypeExtension<TExtension>(this IServiceCollection services) where TExtension : TypeExtension
    {
        services.AddSingleton<TypeExtension, TExtension>();
        return services;
    }

    /// <summary>Called by an extensible type at the end of its constructor.</summary>
    public static void ApplyExtensions<TSource>(this ObjectGraphType<TSource> type, IEnumerable<TypeExtension> extensions, Func<TSource, int> key)
    {
        foreach (var extension in extensions.Where(e => e.TypeName == type.Name))
        {
            extension.Extend(type, source => key((TSource)source));
        }
    }
}
