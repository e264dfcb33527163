using GraphQL.Types;

namespace Platform.Data.Conventions.Filtering;

/// <summary>What the translator needs of an <c>XFilterInput</c>: the entity it filters and how to read each field.</summary>
internal interface IFilterInputType : IInputObjectGraphType
{
    Type SourceType { get; }

    IReadOnlyDictionary<string, ConventionMember> Members { get; }
}

/// <summary>
/// <c>{GraphTypeName}FilterInput</c> for an entity graph type. One instance per service provider (registered as an
/// open-generic singleton), because GraphQL.NET refuses two different instances under one name; references
/// between filter inputs are by CLR type, so cycles (Author.books / Book.author) need no special handling.
/// </summary>
internal sealed class FilterInputGraphType<TGraphType> : InputObjectGraphType, IFilterInputType
    where TGraphType : IComplexGraphType
{
    public FilterInputGraphType(IServiceProvider services)
    {
        var entityType = ConventionMembers.Instance<TGraphType>(services);
        SourceType = ConventionMembers.SourceType(typeof(TGraphType));
        Name = entityType.Name + "FilterInput";
        Description = $"Filters {entityType.Name} items; the fields of one object must all hold.";

        AddField(new FieldType { Name = "and", Type = typeof(ListGraphType<NonNullGraphType<FilterInputGraphType<TGraphType>>>) });
        AddField(new FieldType { Name = "or", Type = typeof(ListGraphType<NonNullGraphType<FilterInputGraphType<TGraphType>>>) });

        // Fields declared as `Field(x => x.Pages)` are named `Pages` until the schema's name converter camel-cases
        // them (and these input fields with them), so members are looked up ignoring case.
        var members = new Dictionary<string, ConventionMember>(StringComparer.OrdinalIgnoreCase);
        foreach (var member in ConventionMembers.Of(entityType, SourceType, FilterConvention.NotFilterableEntry))
        {
            if (InputFor(member) is { } inputType)
            {
                AddField(new FieldType { Name = member.Name, Type = inputType });
                members.Add(member.Name, member);
            }
        }

        Members = members;
    }

    public Type SourceType { get; }

    public IReadOnlyDictionary<string, ConventionMember> Members { get; }

    private static Type? InputFor(ConventionMember member) => member.Kind switch
    {
        MemberKind.List => typeof(ListFilterInputGraphType<>).MakeGenericType(member.NamedGraphType),
        MemberKind.Object => typeof(FilterInputGraphType<>).MakeGenericType(member.NamedGraphType),
        _ => OperationFilterInputs.For(member.NamedGraphType),
    };
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
