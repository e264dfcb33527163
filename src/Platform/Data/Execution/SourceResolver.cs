using GraphQL.Builders;
using GraphQL.Resolvers;

namespace Platform.Data.Execution;

/// <summary>A resolver that says it reads nothing but its source object, so a plan may call it without a context.</summary>
internal interface ISourceResolver
{
    object? Read(object source);
}

/// <summary>How a field's resolver reads its source, as both the pure-data plan and projection need to know.</summary>
internal static class SourceReads
{
    /// <summary>
    /// <c>Field(x => x.Property)</c>: GraphQL.NET's resolver of an expression over the source, which reads the property of
    /// the field's name and nothing else.
    /// </summary>
    public static bool IsPropertyExpression(IFieldResolver resolver) =>
        resolver is IRequiresResolveFieldContextAccessor { RequiresResolveFieldContextAccessor: false }
        && resolver.GetType() is { IsGenericType: true } type && type.GetGenericTypeDefinition() == typeof(ExpressionFieldResolver<,>);
}

/// <summary>
/// Resolves a field from its source object alone: no arguments, services, user or errors. The engine calls it
/// like any resolver; <see cref="PureDataExecutionStrategy"/> also calls <see cref="Read"/> directly, without a
/// resolve context, when it completes a list whose fields all read their source.
/// </summary>
internal sealed class SourceResolver<TSource, TValue>(Func<TSource, TValue> read) : IFieldResolver, ISourceResolver
{
    public ValueTask<object?> ResolveAsync(IResolveFieldContext context) => new(read((TSource)context.Source!));

    public object? Read(object source) => read((TSource)source);
}

public static class SourceResolverExtensions
{
    /// <summary>
    /// Resolves the field with <paramref name="read"/> over its source alone (typically a projected property), which
    /// lets the pure-data path write lists of it without the general executor. Use <c>Resolve</c> for anything that
    /// needs arguments, services, the user or the request.
    /// </summary>
    public static FieldBuilder<TSource, TReturn> ResolveFromSource<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field, Func<TSource, TReturn?> read)
    {
        field.FieldType.Resolver = new SourceResolver<TSource, TReturn?>(read);
        return field;
    }
}
