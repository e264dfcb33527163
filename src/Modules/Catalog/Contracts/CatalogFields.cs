using GraphQL.Builders;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
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
        Outside(type.Field<NonNullGraphType<RoleType>>(name)).Resolve(context => ByKey<Role>(context, roleId(context.Source)));

    public static FieldBuilder<TSource, object> RoleField<TSource>(this ObjectGraphType<TSource> type, string name, Func<TSource, int?> roleId) =>
        Outside(type.Field<RoleType>(name)).Resolve(context => ByKey<Role>(context, roleId(context.Source)));

    public static FieldBuilder<TSource, object> SkillField<TSource>(this ObjectGraphType<TSource> type, string name, Func<TSource, int> skillId) =>
        Outside(type.Field<NonNullGraphType<SkillType>>(name)).Resolve(context => ByKey<Skill>(context, skillId(context.Source)));

    public static FieldBuilder<TSource, object> LevelField<TSource>(this ObjectGraphType<TSource> type, string name, Func<TSource, int> levelId) =>
        Outside(type.Field<NonNullGraphType<LevelType>>(name)).Resolve(context => ByKey<Level>(context, levelId(context.Source)));

    public static FieldBuilder<TSource, object> LevelField<TSource>(this ObjectGraphType<TSource> type, string name, Func<TSource, int?> levelId) =>
        Outside(type.Field<LevelType>(name)).Resolve(context => ByKey<Level>(context, levelId(context.Source)));

    /// <summary>The Catalog's own aggregates (a role's stats) refer to domains by key too; no other module does.</summary>
    internal static FieldBuilder<TSource, object> DomainField<TSource>(this ObjectGraphType<TSource> type, string name, Func<TSource, int> domainId) =>
        Outside(type.Field<NonNullGraphType<DomainType>>(name)).Resolve(context => ByKey<Domain>(context, domainId(context.Source)));

    public static FieldBuilder<TSource, object> ProficiencyField<TSource>(this ObjectGraphType<TSource> type, string name, Func<TSource, Proficiency> value) =>
        Outside(type.Field<NonNullGraphType<ProficiencyType>>(name)).Resolve(context => value(context.Source));

    public static FieldBuilder<TSource, object> ProficiencyField<TSource>(this ObjectGraphType<TSource> type, string name, Func<TSource, Proficiency?> value) =>
        Outside(type.Field<ProficiencyType>(name)).Resolve(context => value(context.Source));

    /// <summary>A nullable <c>Proficiency</c> field of an input type; the input's property of that name receives it.</summary>
    public static FieldBuilder<TInput, object> ProficiencyField<TInput>(this InputObjectGraphType<TInput> input, string name) =>
        input.Field<ProficiencyType>(name);

    // Left out of filter and sort inputs, as the fields were when other modules named the types by string: the object
    // is loaded by key from the Catalog's tables, not read from a column of the source, so SQL over the source cannot
    // compare it (and the enum fields keep the inputs as they were).
    private static FieldBuilder<TSource, object> Outside<TSource>(FieldBuilder<TSource, object> field) =>
        field.NotFilterable().NotSortable();

    private static object? ByKey<TEntity>(GraphQL.IResolveFieldContext context, int? key) where TEntity : class =>
        key is { } id ? context.RequestServices!.GetRequiredService<EntityByKeyLoader<TEntity>>().Load(context, id) : null;
}
