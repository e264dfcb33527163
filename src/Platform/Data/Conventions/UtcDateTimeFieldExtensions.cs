using Platform.Data.Execution;
using System.Linq.Expressions;
using GraphQL.Builders;

namespace Platform.Data.Conventions;

public static class UtcDateTimeFieldExtensions
{
    /// <summary>
    /// A non-null <c>DateTime</c> field of <paramref name="member"/>, named after it (so projection reads its column).
    /// Times are stored in UTC, but the database hands them back without a kind; the field marks them UTC so the
    /// engine writes them with their offset.
    /// </summary>
    public static FieldBuilder<TSource, DateTime> UtcDateTimeField<TSource>(this ObjectGraphType<TSource> type, Expression<Func<TSource, DateTime>> member)
    {
        var read = member.Compile();
        return type.Field<NonNullGraphType<DateTimeGraphType>, DateTime>(((MemberExpression)member.Body).Member.Name.ToCamelCase())
            .ResolveFromSource(source => DateTime.SpecifyKind(read(source), DateTimeKind.Utc));
    }
}
