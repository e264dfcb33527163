using System.ComponentModel.DataAnnotations.Schema;
using SkillMatrix.Catalog.Contracts;

namespace SkillMatrix.Catalog.Data;

// The catalog's tables. Entities are plain classes with navigations so that GraphQL types can read
// them directly and the projection conventions can build `Select`s over them.

internal sealed class RoleFamily
{
    public int Id { get; set; }
    public required string Slug { get; set; }
    public required string Name { get; set; }
    public List<Role> Roles { get; set; } = [];
}

internal sealed class Role
{
    public int Id { get; set; }
    public required string Slug { get; set; }
    public required string Name { get; set; }
    public string? Summary { get; set; }
    public int FamilyId { get; set; }
    public RoleFamily Family { get; set; } = null!;

    /// <summary>+1 for every accepted change; an import that changes the role counts too.</summary>
    public int Version { get; set; } = 1;

    public List<RoleLevel> Levels { get; set; } = [];
    public List<Requirement> Requirements { get; set; } = [];
    public List<CatalogChange> Changes { get; set; } = [];

    /// <summary>Not a table: the skills the role requires, filled by projection from <see cref="Requirements"/>.</summary>
    [NotMapped]
    public List<Skill> Skills { get; set; } = [];
}

/// <summary>A rung of the global ladder (Junior .. Principal).</summary>
internal sealed class Level
{
    public int Id { get; set; }
    public required string Key { get; set; }
    public required string Name { get; set; }
    public int Rank { get; set; }
}

/// <summary>What a level means for one role: its focus paragraph and technology stack.</summary>
internal sealed class RoleLevel
{
    public int RoleId { get; set; }
    public Role Role { get; set; } = null!;
    public int LevelId { get; set; }
    public Level Level { get; set; } = null!;
    public string? Focus { get; set; }
    public List<string> TechStack { get; set; } = [];

    /// <summary>The role's cells at this level: every requirement belongs to a level of its role.</summary>
    public List<Requirement> Requirements { get; set; } = [];
}

internal sealed class Domain
{
    public int Id { get; set; }
    public required string Slug { get; set; }
    public required string Name { get; set; }

    /// <summary>Order of first appearance in the seed pages; the matrix lists domains this way.</summary>
    public int Position { get; set; }

    public List<Skill> Skills { get; set; } = [];
}

internal sealed class Skill
{
    public int Id { get; set; }
    public required string Slug { get; set; }
    public required string Name { get; set; }
    public int DomainId { get; set; }
    public Domain Domain { get; set; } = null!;

    /// <summary>Order of first appearance within its domain on the seed pages.</summary>
    public int Position { get; set; }

    public List<Requirement> Requirements { get; set; } = [];
}

/// <summary>One cell of a role's matrix: the proficiency a skill needs at a level.</summary>
internal sealed class Requirement
{
    public int Id { get; set; }
    public int RoleId { get; set; }
    public Role Role { get; set; } = null!;
    public int SkillId { get; set; }
    public Skill Skill { get; set; } = null!;
    public int LevelId { get; set; }
    public Level Level { get; set; } = null!;
    public RoleLevel RoleLevel { get; set; } = null!;
    public Proficiency Proficiency { get; set; }
    public bool Mandatory { get; set; }
}

/// <summary>The changelog of a role: one entry per version after the first.</summary>
internal sealed class CatalogChange
{
    public int Id { get; set; }
    public int RoleId { get; set; }
    public Role Role { get; set; } = null!;
    public int Version { get; set; }
    public required string Summary { get; set; }
    public string? ProposalId { get; set; }
    public DateTime At { get; set; }

    /// <summary>
    /// The cell an accepted proposal set (with <see cref="LevelId"/>); null for an import's entry. A re-import reads
    /// them to find the cells the community changed since the last import, which it must not revert silently. Plain
    /// columns, no foreign keys: skills and levels are never deleted, and on SQLite adding a foreign key to a table
    /// rebuilds it outside the migration's transaction.
    /// </summary>
    public int? SkillId { get; set; }
    public int? LevelId { get; set; }
}
