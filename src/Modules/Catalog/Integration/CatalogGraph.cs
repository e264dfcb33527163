using GraphQL;
using GraphQL.DataLoader;
using Platform.Data.DataLoaders;
using SkillMatrix.Catalog.Contracts;
using SkillMatrix.Catalog.Data;

namespace SkillMatrix.Catalog.Integration;

internal sealed class CatalogGraph(EntityByKeyLoader<Role> roles, EntityByKeyLoader<Skill> skills, EntityByKeyLoader<Level> levels) : ICatalogGraph
{
    public IDataLoaderResult LoadRole(IResolveFieldContext context, int roleId) => roles.Load(context, roleId);

    public IDataLoaderResult LoadSkill(IResolveFieldContext context, int skillId) => skills.Load(context, skillId);

    public IDataLoaderResult LoadLevel(IResolveFieldContext context, int levelId) => levels.Load(context, levelId);
}
