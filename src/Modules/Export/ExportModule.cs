using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SkillMatrix.Export.CareerTrack;

namespace SkillMatrix.Export;

/// <summary>
/// Registration of the Export module: a role's career track as PDF and CSV downloads. It reads the catalog through
/// <c>ICatalogReader</c> alone and owns no data and no part of the schema.
/// </summary>
public static class ExportModule
{
    public static IServiceCollection AddExportModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<PdfFonts>();
        services.AddOptions<PdfFontOptions>().Bind(configuration.GetSection(PdfFontOptions.SectionName));
        return services;
    }

    /// <summary>The module's plain HTTP endpoints: the career-track downloads of a role.</summary>
    public static IEndpointRouteBuilder MapExportEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(CareerTrackEndpoints.PdfRoute, CareerTrackEndpoints.PdfAsync);
        endpoints.MapGet(CareerTrackEndpoints.CsvRoute, CareerTrackEndpoints.CsvAsync);
        return endpoints;
    }
}
