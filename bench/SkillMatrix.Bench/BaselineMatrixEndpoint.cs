using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Data.Sqlite;

namespace SkillMatrix.Bench;

/// <summary>
/// The floor under scenario 1: the same answer (the <c>{"data":{"role":...}}</c> document of <see cref="Scenarios.MatrixQuery"/>)
/// from two hand-written SQL statements, read with a plain data reader and written with a Utf8JsonWriter straight to the
/// response. No parsing, validation, projection or resolvers: what any GraphQL layer adds is measured against this.
/// Mapped in the bench process only.
/// </summary>
internal static class BaselineMatrixEndpoint
{
    public const string Route = "/baseline/matrix/{slug}";

    // The role, its family and its ladder in one statement (a role has at least one level here).
    private const string RoleSql = """
        SELECT r.Id, r.Name, f.Name, l.Id, l.Key, l.Name, l.Rank, rl.Focus, rl.TechStack
        FROM roles r
        JOIN families f ON f.Id = r.FamilyId
        LEFT JOIN role_levels rl ON rl.RoleId = r.Id
        LEFT JOIN levels l ON l.Id = rl.LevelId
        WHERE r.Slug = $slug
        ORDER BY l.Rank
        """;

    // Every cell, in page order: domains, then skills, as RoleMatrixLoader arranges them.
    private const string CellsSql = """
        SELECT d.Id, d.Name, s.Id, s.Name, q.LevelId, q.Proficiency, q.Mandatory
        FROM requirements q
        JOIN skills s ON s.Id = q.SkillId
        JOIN domains d ON d.Id = s.DomainId
        WHERE q.RoleId = $role
        ORDER BY d.Position, d.Id, s.Position, s.Id
        """;

    private static readonly string[] Proficiencies = ["", "AWARENESS", "WORKING", "ADVANCED", "EXPERT"];

    private static long statements;

    /// <summary>Statements the endpoint sent: EF Core's interceptor does not see plain ADO.NET.</summary>
    public static long Statements => Interlocked.Read(ref statements);

    public static void Map(IEndpointRouteBuilder app, string connectionString) =>
        app.MapGet(Route, (string slug, HttpContext http) => WriteAsync(http, connectionString, slug));

    private static async Task WriteAsync(HttpContext http, string connectionString, string slug)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(http.RequestAborted);

        http.Response.ContentType = "application/json; charset=utf-8";
        await using var json = new Utf8JsonWriter(http.Response.BodyWriter);
        json.WriteStartObject();
        json.WriteStartObject("data");

        var levelIds = new List<int>(5);
        var levelKeys = new List<string>(5);
        int roleId;
        await using (var role = connection.CreateCommand())
        {
            role.CommandText = RoleSql;
            role.Parameters.AddWithValue("$slug", slug);
            Interlocked.Increment(ref statements);
            await using var reader = await role.ExecuteReaderAsync(http.RequestAborted);
            if (!await reader.ReadAsync(http.RequestAborted))
            {
                json.WriteNull("role");
                json.WriteEndObject();
                json.WriteEndObject();
                return;
            }

            roleId = reader.GetInt32(0);
            json.WriteStartObject("role");
            json.WriteString("name", reader.GetString(1));
            json.WriteStartObject("family");
            json.WriteString("name", reader.GetString(2));
            json.WriteEndObject();
            json.WriteStartArray("levels");
            do
            {
                if (reader.IsDBNull(3))
                {
                    break;
                }

                levelIds.Add(reader.GetInt32(3));
                levelKeys.Add(reader.GetString(4));
                json.WriteStartObject();
                json.WriteStartObject("level");
                json.WriteString("key", reader.GetString(4));
                json.WriteString("name", reader.GetString(5));
                json.WriteNumber("rank", reader.GetInt32(6));
                json.WriteEndObject();
                if (reader.IsDBNull(7))
                {
                    json.WriteNull("focus");
                }
                else
                {
                    json.WriteString("focus", reader.GetString(7));
                }

                // EF Core stores the primitive collection as a JSON array: it goes out as it is.
                json.WritePropertyName("techStack");
                json.WriteRawValue(reader.GetString(8), skipInputValidation: true);
                json.WriteEndObject();
            }
            while (await reader.ReadAsync(http.RequestAborted));
            json.WriteEndArray();
        }

        json.WriteStartArray("matrix");
        await using (var cells = connection.CreateCommand())
        {
            cells.CommandText = CellsSql;
            cells.Parameters.AddWithValue("$role", roleId);
            Interlocked.Increment(ref statements);
            await using var reader = await cells.ExecuteReaderAsync(http.RequestAborted);
            var row = new (int Proficiency, bool Mandatory)?[levelIds.Count];
            int? domain = null, skill = null;
            string skillName = "";
            while (await reader.ReadAsync(http.RequestAborted))
            {
                var domainId = reader.GetInt32(0);
                var skillId = reader.GetInt32(2);
                if (skillId != skill)
                {
                    if (skill is not null)
                    {
                        WriteRow(json, skillName, row, levelKeys);
                    }

                    if (domainId != domain)
                    {
                        if (domain is not null)
                        {
                            json.WriteEndArray();
                            json.WriteEndObject();
                        }

                        domain = domainId;
                        json.WriteStartObject();
                        json.WriteStartObject("domain");
                        json.WriteString("name", reader.GetString(1));
                        json.WriteEndObject();
                        json.WriteStartArray("skills");
                    }

                    skill = skillId;
                    skillName = reader.GetString(3);
                }

                var column = levelIds.IndexOf(reader.GetInt32(4));
                row[column] = (reader.GetInt32(5), reader.GetBoolean(6));
            }

            if (skill is not null)
            {
                WriteRow(json, skillName, row, levelKeys);
                json.WriteEndArray();
                json.WriteEndObject();
            }
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
        await json.FlushAsync(http.RequestAborted);
    }

    // One row of the matrix: the skill and a cell per ladder level, null where the role requires nothing; clears the row.
    private static void WriteRow(Utf8JsonWriter json, string skillName, (int Proficiency, bool Mandatory)?[] row, List<string> levelKeys)
    {
        json.WriteStartObject();
        json.WriteStartObject("skill");
        json.WriteString("name", skillName);
        json.WriteEndObject();
        json.WriteStartArray("cells");
        for (var i = 0; i < row.Length; i++)
        {
            if (row[i] is not { } cell)
            {
                json.WriteNullValue();
                continue;
            }

            json.WriteStartObject();
            json.WriteStartObject("level");
            json.WriteString("key", levelKeys[i]);
            json.WriteEndObject();
            json.WriteString("proficiency", Proficiencies[cell.Proficiency]);
            json.WriteBoolean("mandatory", cell.Mandatory);
            json.WriteEndObject();
            row[i] = null;
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }
}
