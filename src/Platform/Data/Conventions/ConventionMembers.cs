using System.Collections;
using System.ComponentModel.DataAnnotations.Schema;
using System.Linq.Expressions;
using System.Reflection;
using Platform.Data.Schema;

namespace Platform.Data.Conventions;

internal enum MemberKind
{
    Scalar,
    Object,
    List,

    /// <summary>A list of scalars (a primitive collection, e.g. tags): filtered element by element, never sorted.</summary>
    ScalarList,
}

/// <summary>
/// A field of an entity graph type that filtering or sorting may use: how to read it from the entity
/// (<see cref="Access"/>, a property or a <c>ProjectFrom</c> query) and what the field's graph type is. A Node's
/// <c>id</c> reads the key its global ids encode, and <see cref="GlobalIdType"/> names the type they must be of.
/// </summary>
internal sealed record ConventionMember(string Name, LambdaExpression Access, Type NamedGraphType, MemberKind Kind, Type? ElementType,
    string? GlobalIdType = null);

/// <summary>
/// Finds the fields of an entity graph type that map onto its source type, the way <see cref="Projection"/> maps
/// them: by name onto a property, or through the field's <c>ProjectFrom</c> query. Filtering and sorting share it,
/// so both see the same fields and the same hiding rules.
/// </summary>
internal static class ConventionMembers
{
    /// <summary>On a Node's <c>id</c> field: the key column its global id encodes (set by <c>NodeGraphType</c>).</summary>
    public static readonly FieldMetadata<LambdaExpression?> GlobalIdKeyEntry = new("conventions.globalIdKey");

    /// <summary>
    /// The scalars filtering and sorting both understand (and every enum): the ones with an order and an equality
    /// that SQL shares with .NET.
    /// </summary>
    public static bool IsConventionScalar(Type namedGraphType) =>
        typeof(EnumerationGraphType).IsAssignableFrom(namedGraphType)
        || namedGraphType == typeof(StringGraphType) || namedGraphType == typeof(IntGraphType) || namedGraphType == typeof(LongGraphType)
        || namedGraphType == typeof(FloatGraphType) || namedGraphType == typeof(DecimalGraphType) || namedGraphType == typeof(BooleanGraphType)
        || namedGraphType == typeof(DateTimeGraphType) || namedGraphType == typeof(DateTimeOffsetGraphType);

    /// <summary>
    /// A throwaway instance of the entity graph type, only to read its field declarations. The schema's own
    /// instance does not exist yet when input types are built; declarations are the same in every instance.
    /// </summary>
    public static T Instance<T>(IServiceProvider services) where T : IGraphType =>
        (T)ActivatorUtilities.GetServiceOrCreateInstance(services, typeof(T));

    public static Type SourceType(Type graphType)
    {
        for (var type = graphType; type is not null; type = type.BaseType)
        {
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ComplexGraphType<>))
            {
                return type.GetGenericArguments()[0];
            }
        }

        throw new InvalidOperationException($"{graphType.Name} is not an ObjectGraphType<T> over an entity.");
    }

    public static IReadOnlyList<ConventionMember> Of(IComplexGraphType graphType, Type source, FieldMetadata<bool> hidden)
    {
        var members = new List<ConventionMember>();
        foreach (var field in graphType.Fields)
        {
            // A field the viewer may not read must not leak through a filter or an order either: `where: { salary:
            // { gt: 100000 } }` answers the question the field's policy refuses. Fields with authorization metadata
            // are therefore left out of the inputs, as are fields explicitly marked as not filterable/sortable.
            if (field.IsAuthorizationRequired() || hidden.IsSet(field) || field.Type is null)
            {
                continue;
            }

            var (named, isList) = Unwrap(field.Type);
            if (named.IsGenericType && named.GetGenericTypeDefinition() == typeof(GraphQLClrOutputTypeReference<>))
            {
                // `Field(x => x.Name)` declares a CLR type that the schema maps to a graph type only at initialization;
                // the built-in scalars and enums are mapped here the same way, anything else is left out.
                if (ClrScalar(named.GetGenericArguments()[0]) is not { } scalar)
                {
                    continue;
                }

                named = scalar;
            }

            if (named == typeof(IdGraphType))
            {
                // A Node's `id` is the global id of a key column: a filter decodes the ids it is given and compares
                // keys, a sort orders by the key. Any other ID is an opaque string with no column behind it.
                if (!isList && GlobalIdKeyEntry.Get(field, null) is { } key && key.Parameters[0].Type.IsAssignableFrom(source))
                {
                    members.Add(new ConventionMember(field.Name, key, named, MemberKind.Scalar, null, graphType.Name));
                }

                continue;
            }

            var access = field.ProjectedFrom() ?? PropertyAccess(source, field.Name);
            if (access is null)
            {
                continue; // computed in code: nothing SQL could compare
            }

            var isObject = typeof(IObjectGraphType).IsAssignableFrom(named) && !named.IsAbstract;
            if (isList)
            {
                var element = ElementType(access.ReturnType);
                if (isObject && element is not null && SourceType(named).IsAssignableFrom(element))
                {
                    members.Add(new ConventionMember(field.Name, access, named, MemberKind.List, element));
                }
                else if (!isObject && IsConventionScalar(named) && element is not null && (element == typeof(string) || element.IsValueType))
                {
                    members.Add(new ConventionMember(field.Name, access, named, MemberKind.ScalarList, element));
                }

                continue;
            }

            if (isObject)
            {
                if (SourceType(named).IsAssignableFrom(access.ReturnType))
                {
                    members.Add(new ConventionMember(field.Name, access, named, MemberKind.Object, null));
                }

                continue;
            }

            members.Add(new ConventionMember(field.Name, access, named, MemberKind.Scalar, null));
        }

        return members;
    }

    private static Type? ClrScalar(Type clr)
    {
        clr = Nullable.GetUnderlyingType(clr) ?? clr;
        if (clr.IsEnum)
        {
            return typeof(EnumerationGraphType<>).MakeGenericType(clr);
        }

        return Type.GetTypeCode(clr) switch
        {
            TypeCode.String => typeof(StringGraphType),
            TypeCode.Int32 or TypeCode.Int16 or TypeCode.Byte => typeof(IntGraphType),
            TypeCode.Int64 => typeof(LongGraphType),
            TypeCode.Double or TypeCode.Single => typeof(FloatGraphType),
            TypeCode.Decimal => typeof(DecimalGraphType),
            TypeCode.Boolean => typeof(BooleanGraphType),
            TypeCode.DateTime => typeof(DateTimeGraphType),
            _ when clr == typeof(DateTimeOffset) => typeof(DateTimeOffsetGraphType),
            _ => null,
        };
    }

    public static (Type Named, bool IsList) Unwrap(Type type)
    {
        var isList = false;
        while (type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(NonNullGraphType<>) || type.GetGenericTypeDefinition() == typeof(ListGraphType<>)))
        {
            isList |= type.GetGenericTypeDefinition() == typeof(ListGraphType<>);
            type = type.GetGenericArguments()[0];
        }

        return (type, isList);
    }

    public static Expression Inline(LambdaExpression lambda, Expression argument) => Lambdas.Inline(lambda, argument);

    /// <summary>Adds the optional argument <paramref name="name"/> of a generated input (<c>where</c>, <c>order</c>) to a field.</summary>
    public static FieldType AddArgument(FieldType field, Type inputType, string name, string description)
    {
        field.Arguments ??= new QueryArguments();
        field.Arguments.Add(new QueryArgument(inputType) { Name = name, Description = description });
        return field;
    }

    /// <summary>
    /// The generated input of <paramref name="field"/>'s argument <paramref name="argumentName"/>; refused unless it
    /// is a <typeparamref name="TInput"/> over <paramref name="itemType"/> (added with <paramref name="adder"/>).
    /// </summary>
    public static TInput InputOf<TInput>(FieldType field, string argumentName, Type itemType, string kind, string adder) where TInput : class =>
        field.Arguments?.Find(argumentName)?.ResolvedType is { } resolved
            && Selection.Unwrap(resolved) is ConventionInputGraphType input && input.SourceType.IsAssignableFrom(itemType) && input is TInput typed
            ? typed
            : throw new InvalidOperationException($"The argument '{argumentName}' of '{field.Name}' is not a {kind} input over {itemType.Name}; add it with {adder}.");

    private static LambdaExpression? PropertyAccess(Type source, string fieldName)
    {
        var property = source.GetProperty(char.ToUpperInvariant(fieldName[0]) + fieldName[1..], BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
        if (property is null || property.IsDefined(typeof(NotMappedAttribute)))
        {
            return null; // a [NotMapped] property has no column; only a ProjectFrom query could stand for it
        }

        var item = Expression.Parameter(source, "x");
        return Expression.Lambda(Expression.Property(item, property), item);
    }

    /// <summary>What an <see cref="IEnumerable{T}"/> (a string aside) holds; null for anything else.</summary>
    public static Type? ElementType(Type type)
    {
        if (type == typeof(string) || !typeof(IEnumerable).IsAssignableFrom(type))
        {
            return null;
        }

        var enumerable = type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IEnumerable<>)
            ? type
            : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>));
        return enumerable?.GetGenericArguments()[0];
    }
}

/// <summary>What filtering and sorting read of their generated inputs: the entity's type and how to read each field.</summary>
internal interface IConventionInputType : IInputObjectGraphType
{
    Type SourceType { get; }

    IReadOnlyDictionary<string, ConventionMember> Members { get; }
}

/// <summary>
/// What a filter input and a sort input share: the entity graph type they are generated from, its source type, and
/// one input field per member the convention can use, added after the fields the input declares itself.
/// </summary>
internal abstract class ConventionInputGraphType : InputObjectGraphType, IConventionInputType
{
    // Fields declared as `Field(x => x.Pages)` are named `Pages` until the schema's name converter camel-cases
    // them (and these input fields with them), so members are looked up ignoring case.
    private readonly Dictionary<string, ConventionMember> members = new(StringComparer.OrdinalIgnoreCase);
    private readonly IComplexGraphType entityType;

    protected ConventionInputGraphType(IComplexGraphType entityType, Type graphType, string nameSuffix, Func<string, string> describe)
    {
        this.entityType = entityType;
        SourceType = ConventionMembers.SourceType(graphType);
        Name = entityType.Name + nameSuffix;
        Description = describe(entityType.Name);
    }

    public Type SourceType { get; }

    public IReadOnlyDictionary<string, ConventionMember> Members => members;

    /// <summary>Adds a field for every member not marked <paramref name="hidden"/> that <paramref name="inputFor"/> gives a type.</summary>
    protected void AddMembers(FieldMetadata<bool> hidden, Func<ConventionMember, Type?> inputFor)
    {
        foreach (var member in ConventionMembers.Of(entityType, SourceType, hidden))
        {
            if (inputFor(member) is { } inputType)
            {
                AddField(new FieldType { Name = member.Name, Type = inputType });
                members.Add(member.Name, member);
            }
        }
    }
}
