using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using SkillMatrix.Catalog.Contracts;

namespace SkillMatrix.Export.CareerTrack;

/// <summary>
/// <c>GET /roles/{slug}/career-track.pdf</c> and <c>.csv</c>: the page's career track as files. Plain HTTP rather than
/// GraphQL fields, because a browser link must download them. An unknown slug is 404 for both.
/// </summary>
internal static class CareerTrackEndpoints
{
    public const string PdfRoute = "/roles/{slug}/career-track.pdf";
    public const string CsvRoute = "/roles/{slug}/career-track.csv";

    public static async Task<IResult> CsvAsync(string slug, ICatalogReader catalog, CancellationToken cancellationToken)
    {
        var role = await catalog.FindRolePageAsync(slug, cancellationToken);
        if (role is null)
        {
            return UnknownRole(slug);
        }

        // The rows go out as the database hands them over; the status and headers are sent before the first one.
        return Results.Stream(
            output => CareerTrackCsv.WriteAsync(output, role, catalog.ReadPageCellsAsync(role.Id), cancellationToken),
            CareerTrackCsv.ContentType, $"{role.Slug}-career-track.csv");
    }

    public static async Task<IResult> PdfAsync(
        string slug, ICatalogReader catalog, PdfFonts fonts, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var role = await catalog.FindRolePageAsync(slug, cancellationToken);
        if (role is null)
        {
            return UnknownRole(slug);
        }

        try
        {
            fonts.Require();
        }
        catch (PdfFontNotFoundException missing)
        {
            // The operator's problem, not the client's: say what to install, in the log and in the answer.
            loggers.CreateLogger(typeof(CareerTrackEndpoints).FullName!).LogError("{Message}", missing.Message);
            return Results.Problem(title: "The PDF export has no font", detail: missing.Message, statusCode: StatusCodes.Status500InternalServerError);
        }

        var cells = new List<PageCell>();
        await foreach (var cell in catalog.ReadPageCellsAsync(role.Id).WithCancellation(cancellationToken))
        {
            cells.Add(cell);
        }

        // PDFsharp writes synchronously and seeks back to write the cross-reference table, which a response body
        // allows neither; a matrix is a few pages, so the document is built in memory and then streamed.
        var document = new MemoryStream();
        CareerTrackPdf.Write(document, role, cells);
        document.Position = 0;
        return Results.Stream(document, CareerTrackPdf.ContentType, $"{role.Slug}-career-track.pdf");
    }

    private static IResult UnknownRole(string slug) =>
        Results.Problem(title: "Unknown role", detail: $"No role has the slug '{slug}'.", statusCode: StatusCodes.Status404NotFound);
}
