namespace Platform.Data.Conventions.Sorting;

internal enum SortDirection
{
    Ascending,
    Descending,
}

/// <summary><c>enum SortEnumType { ASC DESC }</c>, as HotChocolate names it.</summary>
internal sealed class SortEnumType : EnumerationGraphType
{
    public SortEnumType()
    {
        Name = "SortEnumType";
        Add("ASC", SortDirection.Ascending, "Smallest first.");
        Add("DESC", SortDirection.Descending, "Largest first.");
    }
}

/// <summary>An <c>XSortInput</c>, as the sorter takes it: how to read each field of the entity.</summary>
internal interface ISortInputType : IConventionInputType;

/// <summary>
/// <c>{GraphTypeName}SortInput</c>: every scalar field as <c>SortEnumType</c>, every related object as its own sort
/// input. Lists are left out: an order by "the books" has no meaning without an aggregate.
/// </summary>
internal sealed class SortInputGraphType<TGraphType> : ConventionInputGraphType, ISortInputType
    where TGraphType : IComplexGraphType
{
    public SortInputGraphType(IServiceProvider services)
        : base(ConventionMembers.Instance<TGraphType>(services), typeof(TGraphType), "SortInput",
            entity => $"Orders {entity} items by the fields in the order written: the first entry first, and within an entry its first field first.") =>
        AddMembers(SortConvention.NotSortableEntry, member => member.Kind switch
        {
            MemberKind.Object => typeof(SortInputGraphType<>).MakeGenericType(member.NamedGraphType),
            MemberKind.Scalar when ConventionMembers.IsConventionScalar(member.NamedGraphType) || member.GlobalIdType is not null => typeof(SortEnumType),
            _ => null,
        });
}
