using Microsoft.Data.Sqlite;

namespace SkillMatrix.Bench;

/// <summary>What the synthetic catalog holds, for the scenarios to address.</summary>
internal sealed record CatalogShape(IReadOnlyList<string> RoleSlugs, IReadOnlyList<string> SkillSlugs, int RequirementCount);

/// <summary>
/// Writes a large catalog straight into the Host's database after its start-up migrated it and imported seeds/:
/// <c>roles</c> roles x <c>skills</c> skills x the 5 ladder levels, every cell filled. Plain SQL in one transaction,
/// because going through the importer would take minutes and measure nothing the scenarios need.
/// </summary>
internal static class SyntheticCatalog
{
    private static readonly (string Key, string Name, int Rank)[] Ladder =
        [("JUNIOR", "Junior", 1), ("MIDDLE", "Middle", 2), ("SENIOR", "Senior", 3), ("LEAD_STAFF", "Lead / Staff", 4), ("PRINCIPAL", "Principal", 5)];

    // Words for skill names, so that a filter such as `icontains: "api"` selects some skills and not others.
    private static readonly string[] Topics =
        ["API", "Caching", "Messaging", "Observability", "Security", "Testing", "Databases", "Containers", "Networking", "Architecture",
         "Performance", "Resilience", "Streaming", "Search", "Identity"];

    private static readonly string[] Aspects = ["Design", "Operations", "Tuning", "Governance", "Automation", "Troubleshooting", "Modelling", "Migration", "Review", "Strategy"];

    public static CatalogShape Write(string connectionString, int roles, int skills)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var transaction = connection.BeginTransaction();

        var levelIds = new int[Ladder.Length];
        for (var i = 0; i < Ladder.Length; i++)
        {
            // The seed import created the ladder; a checkout without seeds gets it here.
            Execute(connection, "INSERT INTO levels (Key, Name, Rank) SELECT $key, $name, $rank WHERE NOT EXISTS (SELECT 1 FROM levels WHERE Key = $key)",
                ("$key", Ladder[i].Key), ("$name", Ladder[i].Name), ("$rank", Ladder[i].Rank));
            levelIds[i] = Convert.ToInt32(Scalar(connection, "SELECT Id FROM levels WHERE Key = $key", ("$key", Ladder[i].Key)), System.Globalization.CultureInfo.InvariantCulture);
        }

        var familyIds = new int[5];
        for (var f = 0; f < familyIds.Length; f++)
        {
            familyIds[f] = Insert(connection, "INSERT INTO families (Slug, Name) VALUES ($slug, $name) RETURNING Id",
                ("$slug", $"bench-family-{f + 1}"), ("$name", $"Bench Family {f + 1}"));
        }

        const int domainCount = 10;
        var firstPosition = Convert.ToInt32(Scalar(connection, "SELECT COALESCE(MAX(Position), 0) + 1 FROM domains"), System.Globalization.CultureInfo.InvariantCulture);
        var domainIds = new int[domainCount];
        for (var d = 0; d < domainCount; d++)
        {
            domainIds[d] = Insert(connection, "INSERT INTO domains (Slug, Name, Position) VALUES ($slug, $name, $position) RETURNING Id",
                ("$slug", $"bench-domain-{d + 1}"), ("$name", $"Bench {Topics[d]}"), ("$position", firstPosition + d));
        }

        var skillIds = new int[skills];
        var skillSlugs = new string[skills];
        for (var s = 0; s < skills; s++)
        {
            var name = $"{Topics[s % Topics.Length]} {Aspects[s / Topics.Length % Aspects.Length]} {s + 1:000}";
            skillSlugs[s] = $"bench-skill-{s + 1:000}";
            skillIds[s] = Insert(connection, "INSERT INTO skills (Slug, Name, DomainId, Position) VALUES ($slug, $name, $domain, $position) RETURNING Id",
                ("$slug", skillSlugs[s]), ("$name", name), ("$domain", domainIds[s % domainCount]), ("$position", s / domainCount + 1));
        }

        using var roleLevel = Prepare(connection, "INSERT INTO role_levels (RoleId, LevelId, Focus, TechStack) VALUES ($role, $level, $focus, $stack)", "$role", "$level", "$focus", "$stack");
        using var requirement = Prepare(connection, "INSERT INTO requirements (RoleId, SkillId, LevelId, Proficiency, Mandatory) VALUES ($role, $skill, $level, $proficiency, $mandatory)",
            "$role", "$skill", "$level", "$proficiency", "$mandatory");
        var roleSlugs = new string[roles];
        var requirements = 0;
        for (var r = 0; r < roles; r++)
        {
            roleSlugs[r] = $"bench-role-{r + 1:00}";
            var roleId = Insert(connection, "INSERT INTO roles (Slug, Name, Summary, FamilyId, Version) VALUES ($slug, $name, $summary, $family, 1) RETURNING Id",
                ("$slug", roleSlugs[r]), ("$name", $"Bench Role {r + 1:00}"), ("$summary", "A synthetic role of the benchmark catalog."), ("$family", familyIds[r % familyIds.Length]));
            for (var l = 0; l < Ladder.Length; l++)
            {
                Run(roleLevel, roleId, levelIds[l], $"What a {Ladder[l].Name} of bench role {r + 1} focuses on.",
                    $"[\"C# {10 + l}\",\"SQLite\",\"Docker\",\"GraphQL\",\"Tool {r % 7}\"]");
            }

            for (var s = 0; s < skills; s++)
            {
                for (var l = 0; l < Ladder.Length; l++)
                {
                    // AWARENESS or WORKING at Junior, one step up per level, EXPERT at most: never EXPERT at Junior, so
                    // the vote scenario can propose that change to any cell. WORKING and above is mandatory, as in seeds/.
                    var proficiency = Math.Min(4, 1 + (r + s) % 2 + l);
                    Run(requirement, roleId, skillIds[s], levelIds[l], proficiency, proficiency >= 2 ? 1 : 0);
                    requirements++;
                }
            }
        }

        transaction.Commit();
        return new CatalogShape(roleSlugs, skillSlugs, requirements);
    }

    private static SqliteCommand Prepare(SqliteConnection connection, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = parameter });
        }

        command.Prepare();
        return command;
    }

    private static void Run(SqliteCommand command, params object[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i];
        }

        command.ExecuteNonQuery();
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }

    private static void Execute(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = Command(connection, sql, parameters);
        command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = Command(connection, sql, parameters);
        return command.ExecuteScalar();
    }

    private static int Insert(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters) =>
        Convert.ToInt32(Scalar(connection, sql, parameters), System.Globalization.CultureInfo.InvariantCulture);
}
