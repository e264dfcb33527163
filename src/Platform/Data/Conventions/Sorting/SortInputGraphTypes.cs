using GraphQL.Types;

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

/// <summary>What the sorter needs of an <c>XSortInput</c>: how to read each field of the entity.</summary>
internal interface ISortInputType : IInputObjectGraphType
{
    Type SourceType { get; }

    IReadOnlyDictionary<string, ConventionMember> Members { get; }
}

/// <summary>
/// <c>{GraphTypeName}SortInput</c>: every scalar field as <c>SortEnumType</c>, every related object as its own sort
/// input. Lists are left out: an order by "the books" has no meaning without an aggregate.
/// </summary>
internal sealed class SortInputGraphType<TGraphType> : InputObjectGraphType, ISortInputType
    where TGraphType : IComplexGraphType
{
    public SortInputGraphType(IServiceProvider services)
    {
        var entityType = ConventionMembers.Instance<TGraphType>(services);
        SourceType = ConventionMembers.SourceType(typeof(TGraphType));
        Name = entityType.Name + "SortInput";
        Description = $"Orders {entityType.Name} items; give one field per list entry, the first entry sorts first.";

        // Fields declared as `Field(x => x.Pages)` are named `Pages` until the schema's name converter camel-cases
        // them (and these input fields with them), so members are looked up ignoring case.
        var members = new Dictionary<string, ConventionMember>(StringComparer.OrdinalIgnoreCase);
        foreach (var member in ConventionMembers.Of(entityType, SourceType, SortConvention.NotSortableEntry))
        {
            var inputType = member.Kind switch
            {
                MemberKind.Object => typeof(SortInputGraphType<>).MakeGenericType(member.NamedGraphType),
                MemberKind.Scalar when ConventionMembers.IsConventionScalar(member.NamedGraphType) => typeof(SortEnumType),
                _ => null,
            };
            if (inputType is not null)
            {
                AddField(new FieldType { Name = member.Name, Type = inputType });
                members.Add(member.Name, member);
            }
        }

        Members = members;
    }

    public Type SourceType { get; }

    public IReadOnlyDictionary<string, ConventionMember> Members { get; }
}
