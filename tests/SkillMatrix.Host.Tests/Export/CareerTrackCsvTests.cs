using System.Net;
using System.Text;
using Microsoft.Data.Sqlite;

namespace SkillMatrix.Host.Tests.Export;

/// <summary><c>GET /roles/{slug}/career-track.csv</c> over the real Host, parsed as RFC 4180.</summary>
public abstract class CareerTrackCsvTests(HostFixture fixture)
{
    public sealed class OnSqlite(SeededHost host) : CareerTrackCsvTests(host), IClassFixture<SeededHost>;

    public sealed class OnPostgreSql(PostgreSqlHost<SeededHost> host) : CareerTrackCsvTests(host), IClassFixture<PostgreSqlHost<SeededHost>>;

    private TestHost Host => fixture.Host;

    private const string Url = "/roles/backend-developer-python/career-track.csv";

    private static readonly string[] Header = ["role", "domain", "skill", "level", "level_rank", "proficiency", "mandatory"];

    [Fact]
    public async Task The_csv_is_a_utf8_download_with_one_row_per_requirement()
    {
        var response = await Host.Anonymous().GetAsync(Url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("backend-developer-python-career-track.csv", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));

        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.False(bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble), "no byte-order mark");
        var rows = Parse(Encoding.UTF8.GetString(bytes));
        Assert.Equal(Header, rows[0]);
        Assert.Equal(357, rows.Count - 1);
        Assert.All(rows.Skip(1), row => Assert.Equal(Header.Length, row.Length));
        Assert.All(rows.Skip(1), row => Assert.Equal("Backend Developer (Python)", row[0]));
        Assert.Equal(291, rows.Skip(1).Count(r => r[6] == "true"));
    }

    [Fact]
    public async Task Named_cells_have_the_page_values_in_page_order()
    {
        var rows = Parse(await Host.Anonymous().GetStringAsync(Url)).Skip(1).ToList();

        string[] Row(string skill, string level) => Assert.Single(rows, r => r[2] == skill && r[3] == level);
        Assert.Equal(["Backend Developer (Python)", "API & Integration", "REST API Design", "JUNIOR", "1", "WORKING", "true"], Row("REST API Design", "JUNIOR"));
        Assert.Equal(["ADVANCED", "true"], Row("REST API Design", "MIDDLE")[5..]);
        Assert.Equal(["AWARENESS", "false"], Row("Cursor IDE", "JUNIOR")[5..]);
        Assert.Equal(["JUNIOR", "MIDDLE", "SENIOR", "LEAD_STAFF"], rows.Where(r => r[2] == "Cursor IDE").Select(r => r[3]));
        Assert.Equal(5, rows.Count(r => r[2] == "gRPC & Protocol Buffers"));
        Assert.Equal("JWT / OAuth2 / OIDC", Row("JWT / OAuth2 / OIDC", "PRINCIPAL")[2]);

        // Page order: the first rows are the first domain's first skill, level by level; the last is the last skill at Principal.
        Assert.Equal(["AI-Assisted Development", "GitHub Copilot", "JUNIOR", "1"], rows[0][1..5]);
        Assert.Equal(["GitHub Copilot", "PRINCIPAL", "5"], rows[4][2..5]);
        Assert.Equal(["Version Control & Collaboration", "Documentation as Code", "PRINCIPAL"], rows[^1][1..4]);
        Assert.Equal(SeedCatalog.SkillNames, rows.Select(r => r[2]).Distinct());
    }

    [Fact]
    public async Task An_unknown_role_is_404()
    {
        var response = await Host.Anonymous().GetAsync("/roles/no-such-role/career-track.csv");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_name_with_commas_quotes_and_a_line_break_survives_the_round_trip()
    {
        // A host of its own, so the extra skill does not change the other tests' counts.
        await using var own = await TestHost.Start().BuildAsync();
        var client = own.Anonymous();
        await client.GetAsync("/health/ready"); // the host is up, migrated and seeded
        const string awkward = "Parsing \"CSV\", quoted,\r\nand multi-line";
        await using (var connection = new SqliteConnection(own.ConnectionString))
        {
            await connection.OpenAsync();
            var command = connection.CreateCommand();
            command.CommandText = """
                INSERT INTO skills (Slug, Name, DomainId, Position) SELECT 'parsing-csv', $name, Id, 999 FROM domains WHERE Slug = 'security';
                INSERT INTO requirements (RoleId, SkillId, LevelId, Proficiency, Mandatory)
                SELECT r.Id, s.Id, l.Id, 2, 1 FROM roles r, skills s, levels l WHERE r.Slug = 'backend-developer-python' AND s.Slug = 'parsing-csv' AND l.Key = 'SENIOR';
                """;
            command.Parameters.AddWithValue("$name", awkward);
            await command.ExecuteNonQueryAsync();
        }

        var rows = Parse(await client.GetStringAsync(Url));

        Assert.Equal(358, rows.Count - 1);
        Assert.Equal(["Security", awkward, "SENIOR", "3", "WORKING", "true"], Assert.Single(rows, r => r[2] == awkward)[1..]);
    }

    /// <summary>A strict RFC 4180 reader: quoted fields with doubled quotes and line breaks, CRLF between records.</summary>
    private static List<string[]> Parse(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var field = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '"' && field.Length == 0)
            {
                for (i++; ; i++)
                {
                    Assert.True(i < text.Length, "unterminated quoted field");
                    if (text[i] == '"' && i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i++;
                    }
                    else if (text[i] == '"')
                    {
                        i++;
                        break;
                    }
                    else
                    {
                        field.Append(text[i]);
                    }
                }

                Assert.True(i == text.Length || text[i] is ',' or '\r', $"text after a closing quote at {i}");
                continue;
            }

            if (text[i] == ',')
            {
                row.Add(field.ToString());
                field.Clear();
                i++;
            }
            else if (text[i] == '\r')
            {
                Assert.True(i + 1 < text.Length && text[i + 1] == '\n', "a record ends with CRLF");
                row.Add(field.ToString());
                field.Clear();
                rows.Add([.. row]);
                row.Clear();
                i += 2;
            }
            else
            {
                Assert.NotEqual('\n', text[i]);
                Assert.NotEqual('"', text[i]);
                field.Append(text[i]);
                i++;
            }
        }

        Assert.True(field.Length == 0 && row.Count == 0, "the last record ends with CRLF");
        return rows;
    }
}
