namespace Platform.Data.Conventions.Filtering;

/// <summary>An <c>XFilterInput</c>, as the translator takes it: the entity it filters and how to read each field.</summary>
internal interface IFilterInputType : IConventionInputType;

/// <summary>
/// <c>{GraphTypeName}FilterInput</c> for an entity graph type. One instance per service provider (registered as an
/// open-generic singleton), because GraphQL.NET refuses two different instances under one name; references
/// between filter inputs are by CLR type, so cycles (Author.books / Book.author) need no special handling.
/// </summary>
internal sealed class FilterInputGraphType<TGraphType> : ConventionInputGraphType, IFilterInputType
    where TGraphType : IComplexGraphType
{
    public FilterInputGraphType(IServiceProvider services)
        : base(ConventionMembers.Instance<TGraphType>(services), typeof(TGraphType), "FilterInput",
            entity => $"Filters {entity} items; the fields of one object must all hold.")
    {
        AddField(new FieldType { Name = "and", Type = typeof(ListGraphType<NonNullGraphType<FilterInputGraphType<TGraphType>>>) });
        AddField(new FieldType { Name = "or", Type = typeof(ListGraphType<NonNullGraphType<FilterInputGraphType<TGraphType>>>) });
        AddMembers(FilterConvention.NotFilterableEntry, member => InputFor(member, services));
        if (Fields.Count == 2)
        {
            // Only and/or: nothing to test. HotChocolate generates no filter input for such a type, and the fields of
            // other inputs that would lead here are left out (below), so only a `where` over it can get here.
            throw new InvalidOperationException($"{Name} would hold only and/or: {typeof(TGraphType).Name} has no filterable field; "
                + "add none of its lists a filter argument, or give it a field filtering can read.");
        }
    }

    private static Type? InputFor(ConventionMember member, IServiceProvider services) => member.Kind switch
    {
        MemberKind.List when CanFilter(member.NamedGraphType, services, []) => typeof(ListFilterInputGraphType<>).MakeGenericType(member.NamedGraphType),
        MemberKind.Object when CanFilter(member.NamedGraphType, services, []) => typeof(FilterInputGraphType<>).MakeGenericType(member.NamedGraphType),
        MemberKind.ScalarList => OperationFilterInputs.For(member.NamedGraphType) is { } operations
            ? typeof(ListOperationFilterInput<>).MakeGenericType(operations)
            : null,
        MemberKind.Scalar => OperationFilterInputs.For(member.NamedGraphType),
        _ => null,
    };

    // Whether a filter input over the entity graph type would test anything: a field with an operation input of its
    // own, or one that leads (through objects and lists) to a type that has one. A cycle adds nothing; a type met
    // again was already searched or is being searched further up.
    private static bool CanFilter(Type graphType, IServiceProvider services, HashSet<Type> searched)
    {
        if (!searched.Add(graphType))
        {
            return false;
        }

        var entity = (IComplexGraphType)ActivatorUtilities.GetServiceOrCreateInstance(services, graphType);
        return ConventionMembers.Of(entity, ConventionMembers.SourceType(graphType), FilterConvention.NotFilterableEntry).Any(member => member.Kind switch
        {
            MemberKind.Scalar or MemberKind.ScalarList => OperationFilterInputs.For(member.NamedGraphType) is not null,
            _ => CanFilter(member.NamedGraphType, services, searched),
        });
    }
}

/// <summary><c>ListFilterInputTypeOf{Y}FilterInput { all none some any }</c>, as HotChocolate names it.</summary>
internal sealed class ListFilterInputGraphType<TGraphType> : InputObjectGraphType
    where TGraphType : IComplexGraphType
{
    public ListFilterInputGraphType(IServiceProvider services)
    {
        var entityType = ConventionMembers.Instance<TGraphType>(services);
        Name = $"ListFilterInputTypeOf{entityType.Name}FilterInput";
        AddField(new FieldType { Name = "all", Type = typeof(FilterInputGraphType<TGraphType>), Description = "Every element matches." });
        AddField(new FieldType { Name = "none", Type = typeof(FilterInputGraphType<TGraphType>), Description = "No element matches." });
        AddField(new FieldType { Name = "some", Type = typeof(FilterInputGraphType<TGraphType>), Description = "At least one element matches." });
        AddField(new FieldType { Name = "any", Type = typeof(BooleanGraphType), Description = "true: the list has elements; false: it is empty." });
    }
}

/// <summary>
/// <c>List{X}OperationFilterInput { all none some any }</c> over a list of scalars (HotChocolate's
/// <c>ListStringOperationFilterInput</c>): <c>all</c>, <c>none</c> and <c>some</c> test the elements with the scalar's
/// own operations.
/// </summary>
internal sealed class ListOperationFilterInput<TOperations> : InputObjectGraphType
    where TOperations : IInputObjectGraphType
{
    public ListOperationFilterInput(IServiceProvider services)
    {
        Name = "List" + ConventionMembers.Instance<TOperations>(services).Name;
        AddField(new FieldType { Name = "all", Type = typeof(TOperations), Description = "Every element matches." });
        AddField(new FieldType { Name = "none", Type = typeof(TOperations), Description = "No element matches." });
        AddField(new FieldType { Name = "some", Type = typeof(TOperations), Description = "At least one element matches." });
        AddField(new FieldType { Name = "any", Type = typeof(BooleanGraphType), Description = "true: the list has elements; false: it is empty." });
    }
}
