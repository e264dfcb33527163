using System.Linq.Expressions;

namespace Platform.Data.Conventions;

internal static class Lambdas
{
    /// <summary>The body of <paramref name="lambda"/> applied to <paramref name="argument"/>: how conventions compose expressions EF Core can translate.</summary>
    public static Expression Inline(LambdaExpression lambda, Expression argument) =>
        new ParameterReplacer(lambda.Parameters[0], argument).Visit(lambda.Body);

    private sealed class ParameterReplacer(ParameterExpression parameter, Expression replacement) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == parameter ? replacement : node;
    }
}
