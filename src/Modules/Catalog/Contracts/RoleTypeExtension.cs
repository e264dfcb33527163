using SkillMatrix.Catalog.Roles;

namespace SkillMatrix.Catalog.Contracts;

/// <summary>
/// Fields another module adds to the Catalog's <c>Role</c> (Community's proposals and watchers). Register it with
/// <c>AddTypeExtension</c>; the Role type applies it and hands over how to read a role's id.
/// </summary>
public abstract class RoleTypeExtension() : TypeExtension(RoleType.TypeName);
