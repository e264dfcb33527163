using GraphQL;
using GraphQL.DataLoader;

namespace SkillMatrix.Catalog.Contracts;

/// <summary>
/// The Catalog's object types for fields of other modules (<c>Proposal.role</c>): refer to them by name in the
/// schema and resolve them here, batched per request and projected onto the field's selection.
/// </summary>
public interface ICatalogGraph
{
    public const string RoleType = "Role";
    public const string SkillType = "Skill";
    public const string LevelType = "Level";

    IDataLoaderResult LoadRole(IResolveFieldContext context, int roleId);

    IDataLoaderResult LoadSkill(IResolveFieldContext context, int skillId);

    IDataLoaderResult LoadLevel(IResolveFieldContext context, int levelId);
}
