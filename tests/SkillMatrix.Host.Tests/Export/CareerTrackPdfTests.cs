using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using UglyToad.PdfPig;

namespace SkillMatrix.Host.Tests.Export;

/// <summary><c>GET /roles/{slug}/career-track.pdf</c> over the real Host, read back with PdfPig.</summary>
public abstract partial class CareerTrackPdfTests(HostFixture fixture)
{
    public sealed class OnSqlite(SeededHost host) : CareerTrackPdfTests(host), IClassFixture<SeededHost>;

    public sealed class OnPostgreSql(PostgreSqlHost<SeededHost> host) : CareerTrackPdfTests(host), IClassFixture<PostgreSqlHost<SeededHost>>;

    private TestHost Host => fixture.Host;

    private const string Url = "/roles/backend-developer-python/career-track.pdf";

    [Fact]
    public async Task The_pdf_is_an_A4_landscape_download()
    {
        var response = await Host.Anonymous().GetAsync(Url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("backend-developer-python-career-track.pdf", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));

        using var pdf = PdfDocument.Open(await response.Content.ReadAsByteArrayAsync());
        Assert.InRange(pdf.NumberOfPages, 2, 8);
        foreach (var page in pdf.GetPages())
        {
            Assert.InRange(page.Width, 841, 843);
            Assert.InRange(page.Height, 594, 596);
        }
    }

    [Fact]
    public async Task Page_one_holds_the_title_family_summary_and_each_levels_focus()
    {
        var pages = await ReadPagesAsync();
        var first = pages[0];

        Assert.Contains("Backend Developer (Python)", first);
        Assert.Contains("Backend Engineering", first);
        Assert.Contains(SeedCatalog.Summary, first);
        foreach (var level in SeedCatalog.LevelNames)
        {
            Assert.Contains(level, first);
        }

        foreach (var focus in SeedCatalog.Focus())
        {
            // The opening words of the paragraph, however the table wraps it.
            var start = string.Join(' ', focus.Split(' ').Take(6));
            Assert.Contains(start, first);
        }

        Assert.Contains("Python 3.11+, FastAPI/Flask/Django, PostgreSQL", first);
    }

    [Fact]
    public async Task The_matrix_lists_every_skill_once_under_level_headings_on_every_page()
    {
        var pages = await ReadPagesAsync();
        var matrix = string.Join(' ', pages.Skip(1));
        var skills = SeedCatalog.SkillNames;

        Assert.Equal(74, skills.Count);
        Assert.All(skills, skill => Assert.Contains(skill, matrix));
        // The page lists it twice; the catalog, and so the matrix, once.
        Assert.Single(Regex.Matches(matrix, Regex.Escape("gRPC & Protocol Buffers")));
        // The header row is repeated on every page of the matrix.
        Assert.All(pages.Skip(1), page => Assert.All(SeedCatalog.LevelNames, level => Assert.Contains(level, page)));
        Assert.Contains("V Advanced", matrix); // the legend
    }

    [Fact]
    public async Task An_unknown_role_is_404()
    {
        var response = await Host.Anonymous().GetAsync("/roles/no-such-role/career-track.pdf");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Without_the_font_the_pdf_fails_with_a_problem_naming_it()
    {
        var empty = Directory.CreateTempSubdirectory("skillmatrix-no-fonts-");
        try
        {
            // A host of its own (its own database), whose font search is this empty folder only.
            await using var host = await TestHost.Start().WithSetting("Export:Fonts:Folders:0", empty.FullName).BuildAsync();
            var client = host.Anonymous();

            var response = await client.GetAsync(Url);

            Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var detail = (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["detail"];
            Assert.Contains("'DejaVu Sans'", detail);
            Assert.Contains(empty.FullName, detail);
            Assert.Contains("fonts-dejavu-core", detail);

            // The CSV needs no font.
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/roles/backend-developer-python/career-track.csv")).StatusCode);
        }
        finally
        {
            empty.Delete(recursive: true);
        }
    }

    // Each page's words in drawing order, one space apart, so a name or a paragraph wrapped over lines reads as written.
    private async Task<List<string>> ReadPagesAsync()
    {
        var bytes = await Host.Anonymous().GetByteArrayAsync(Url);
        using var pdf = PdfDocument.Open(bytes);
        return pdf.GetPages().Select(page => string.Join(' ', page.GetWords().Select(w => w.Text))).ToList();
    }
}
