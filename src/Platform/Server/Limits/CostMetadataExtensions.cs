using GraphQL.Builders;
using Platform.Data.Schema;

namespace Platform.Server.Limits;

/// <summary>
/// Per-field estimates for the cost analysis, for fields whose defaults are far off: a resolver that runs its own
/// queries (<see cref="Cost(FieldType,int)"/>) or a list whose usual length is far from the assumed size
/// (<see cref="ListSize(FieldType,int)"/>). <c>GraphQL:Cost:Weights</c> and <c>GraphQL:Cost:ListSizes</c> override both.
/// Not GraphQL.NET's <c>WithComplexityImpact</c>: that metadata feeds its <c>ComplexityValidationRule</c>, which
/// <see cref="QueryCostAnalyzer"/> says why we do not use.
/// </summary>
public static class CostMetadataExtensions
{
    private static readonly FieldMetadata<int?> CostEntry = new("Limits.Cost");
    private static readonly FieldMetadata<int?> ListSizeEntry = new("Limits.ListSize");

    /// <summary>The points each item this field returns costs (1 for an object, 0 for a scalar by default).</summary>
    public static FieldType Cost(this FieldType field, int weight)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(weight);
        return CostEntry.Set(field, weight);
    }

    /// <summary>How many items this list field usually returns (instead of <c>GraphQL:Cost:AssumedListSize</c>).</summary>
    public static FieldType ListSize(this FieldType field, int size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        return ListSizeEntry.Set(field, size);
    }

    /// <inheritdoc cref="Cost(FieldType,int)"/>
    public static FieldBuilder<TSource, TReturn> Cost<TSource, TReturn>(this FieldBuilder<TSource, TReturn> builder, int weight)
    {
        builder.FieldType.Cost(weight);
        return builder;
    }

    /// <inheritdoc cref="ListSize(FieldType,int)"/>
    public static FieldBuilder<TSource, TReturn> ListSize<TSource, TReturn>(this FieldBuilder<TSource, TReturn> builder, int size)
    {
        builder.FieldType.ListSize(size);
        return builder;
    }

    internal static int? GetCost(this FieldType field) => CostEntry.Get(field, null);

    internal static int? GetListSize(this FieldType field) => ListSizeEntry.Get(field, null);
}
