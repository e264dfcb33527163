using System.Linq.Expressions;
using GraphQL.Builders;
using Platform.Data.Schema;

namespace Platform.Data.Conventions;

/// <summary>
/// What a field needs read from the database when its parent is projected. A field named like a property of
/// its source type needs nothing declared; a computed field says which members it reads, and a field whose
/// value is a query over the source (a filtered or derived list) gives that query, which projection runs
/// inside the same SQL statement and stores in the source's property of the field's name.
/// </summary>
public static class ProjectionFieldExtensions
{
    private static readonly FieldMetadata<string[]> DependsOnEntry = new("projection.dependsOn");
    private static readonly FieldMetadata<LambdaExpression?> SourceEntry = new("projection.source");

    /// <summary>The members a field computed in code reads, so projection never hands it nulls.</summary>
    public static FieldBuilder<TSource, TReturn> DependsOn<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field, params Expression<Func<TSource, object?>>[] members) =>
        DependsOnEntry.Set(field, members.Select(MemberName).ToArray());

    /// <summary>The field's value is <paramref name="query"/> over its source, translated into the parent's SQL.</summary>
    public static FieldBuilder<TSource, TReturn> ProjectFrom<TSource, TReturn, TValue>(this FieldBuilder<TSource, TReturn> field, Expression<Func<TSource, TValue>> query) =>
        SourceEntry.Set(field, query);

    internal static string[] DependsOn(this FieldType field) => DependsOnEntry.Get(field, []);

    internal static LambdaExpression? ProjectedFrom(this FieldType field) => SourceEntry.Get(field, null);

    private static string MemberName<TSource>(Expression<Func<TSource, object?>> member)
    {
        var body = member.Body is UnaryExpression { NodeType: ExpressionType.Convert } convert ? convert.Operand : member.Body;
        return body is MemberExpression { Expression: ParameterExpression } access
            ? access.Member.Name
            : throw new ArgumentException($"'{member}' is not a member of the source.", nameof(member));
    }
}
