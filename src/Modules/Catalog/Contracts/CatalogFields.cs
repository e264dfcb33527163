using GraphQL.Builders;
using Platform.Data.Conventions.Filtering;
using Platform.Data.Conventions.Sorting;
using Platform.Data.DataLoaders;
using SkillMatrix.Catalog.Data;
using SkillMatrix.Catalog.Domains;
using SkillMatrix.Catalog.Levels;
using SkillMatrix.Catalog.Roles;
using SkillMatrix.Catalog.Skills;

namespace SkillMatrix.Catalog.Contracts;

/// <summary>
/// Fields of the Catalog's types (<c>Role</c>, <c>Skill</c>, <c>Level</c>, <c>Proficiency</c>) on another module's types:
/// the other module gives the key its source holds, the Catalog gives the type and loads the object, batched per request
/// and projected onto the field's selection. A nullable key makes a nullable field; a null key answers null.
/// </summary>
public static class CatalogFields
{
    public static FieldBuilder<TSource, object> RoleField<TSource>(this ObjectGraphType<TSource> type, string name, Func<TSource, int> roleId) =>
        ByKey<TSource, NonNullGraphType<RoleType>, Role>(type, name, source => roleId(source));

    public static FieldBuilder<TSource, object> RoleField<TSource>(this ObjectGraphType<TSource> type, string name, Func<TSource, int?> roleId) =>
        ByKey<TSource, RoleType, Role>(type, name, roleId);

    public static FieldBuilder<TSource, object> SkillField<TSource>(this ObjectGraphType<TSource> type, string name, Func<TSource, int> skillId) =>
        ByKey<TSource, NonNullGraphType<SkillType>, Skill>(type, name, source => skillId(source));

    public static FieldBuilder<TSource, object> LevelField<TSource>(this ObjectGraphType<TSource> type, string name, Func<TSource, int> levelId) =>
        ByKey<TSource, NonNullGraphType<LevelType>, Level>(type, name, source => levelId(source));

    public static FieldBuilder<TSource, object> LevelField<TSource>(this ObjectGraphType<TSource> type, string name, Func<TSource, int?> levelId) =>
        ByKey<TSource, LevelType, Level>(type, name, levelId);

    /// <summary>The Catalog's own aggregates (a role's stats) refer to domains by key too; no other module does.</summary>
    internal static FieldBuilder<TSource, object> DomainField<TSource>(this ObjectGraphType<TSource> type, string name, Func<TSource, int> domainId) =>
        ByKey<TSource, NonNullGraphType<DomainType>, Domain>(type, name, source => domainId(source));

    // A proficiency is a column of the other module's own source (not an object loaded from the Catalog), so the
    // filter and sort conventions may use it as they use any field: by the source's property of the field's name,
    // and only when there is one.
    public static FieldBuilder<TSource, object> ProficiencyField<TSource>(this ObjectGraphType<TSource> type, string name, Func<TSource, Proficiency> value) =>
        type.Field<NonNullGraphType<ProficiencyType>>(name).ResolveFromSource(source => value(source));

    public static FieldBuilder<TSource, object> ProficiencyField<TSource>(this ObjectGraphType<TSource> type, string name, Func<TSource, Proficiency?> value) =>
        type.Field<ProficiencyType>(name).ResolveFromSource(source => value(source));

    /// <summary>A nullable <c>Proficiency</c> field of an input type; the input's property of that name receives it.</summary>
    public static FieldBuilder<TInput, object> ProficiencyField<TInput>(this InputObjectGraphType<TInput> input, string name) =>
        input.Field<ProficiencyType>(name);

    private static FieldBuilder<TSource, object> ByKey<TSource, TGraphType, TEntity>(ObjectGraphType<TSource> type, string name, Func<TSource, int?> key)
        where TGraphType : IGraphType where TEntity : class =>
        Outside(type.Field<TGraphType>(name)).Resolve(context => context.LoadByKey<TEntity>(key(context.Source)));

    // Left out of filter and sort inputs: the object is loaded by key from the Catalog's tables, not read from a
    // column of the source, so SQL over the source cannot compare it.
    private static FieldBuilder<TSource, object> Outside<TSource>(FieldBuilder<TSource, object> field) =>
        field.NotFilterable().NotSortable();
}
