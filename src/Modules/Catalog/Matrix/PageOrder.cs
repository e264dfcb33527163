using System.Linq.Expressions;
using SkillMatrix.Catalog.Data;

namespace SkillMatrix.Catalog.Matrix;

/// <summary>
/// The order of the page's matrix, for every list of requirements that promises it: domains by position, skills by
/// position within their domain, levels by rank. The ids break ties, so the order is total and pages are stable.
/// </summary>
internal static class PageOrder
{
    private static readonly Expression<Func<Requirement, int>>[] Keys =
    [
        q => q.Skill.Domain.Position,
        q => q.Skill.DomainId,
        q => q.Skill.Position,
        q => q.SkillId,
        q => q.Level.Rank,
        q => q.Id,
    ];

    public static IOrderedQueryable<Requirement> InPageOrder(this IQueryable<Requirement> requirements) =>
        Keys.Skip(1).Aggregate(requirements.OrderBy(Keys[0]), (ordered, key) => ordered.ThenBy(key));

    /// <summary>The same order inside a projection (<c>ProjectFrom</c>), where EF Core translates it into the parent's SQL.</summary>
    public static Expression<Func<TSource, IEnumerable<Requirement>>> InPageOrder<TSource>(Expression<Func<TSource, IEnumerable<Requirement>>> requirements) =>
        Expression.Lambda<Func<TSource, IEnumerable<Requirement>>>(Ordered(requirements.Body), requirements.Parameters);

    /// <summary>Requirements in page order, each mapped by <paramref name="select"/>, inside a projection.</summary>
    public static Expression<Func<TSource, IEnumerable<TResult>>> InPageOrder<TSource, TResult>(
        Expression<Func<TSource, IEnumerable<Requirement>>> requirements, Expression<Func<Requirement, TResult>> select) =>
        Expression.Lambda<Func<TSource, IEnumerable<TResult>>>(
            Expression.Call(typeof(Enumerable), nameof(Enumerable.Select), [typeof(Requirement), typeof(TResult)], Ordered(requirements.Body), select),
            requirements.Parameters);

    private static Expression Ordered(Expression requirements) =>
        Keys.Select((key, index) => (key, method: index == 0 ? nameof(Enumerable.OrderBy) : nameof(Enumerable.ThenBy)))
            .Aggregate(requirements, (ordered, next) =>
                Expression.Call(typeof(Enumerable), next.method, [typeof(Requirement), typeof(int)], ordered, next.key));
}
