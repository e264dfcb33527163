using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace Platform.Hosting.Http;

/// <summary>
/// Cross-origin requests (<c>Cors:AllowedOrigins</c>): a browser application served from another origin may call the
/// API when its origin is listed. None is listed by default, so nothing changes until an operator says which.
/// </summary>
public static class CrossOriginExtensions
{
    public const string SectionName = "Cors";

    // What a GraphQL client sends across origins: JSON bodies, a bearer token, the persisted-query and cost headers.
    private static readonly string[] AllowedHeaders = ["content-type", "authorization", "accept", "graphql-cost"];

    // What it must be able to read back: the challenge of a refused token, when to retry after a 429, and its budget.
    private static readonly string[] ExposedHeaders = ["WWW-Authenticate", "Retry-After", "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset"];

    /// <summary>
    /// Registers the origins of <c>Cors:AllowedOrigins</c> (a list, or one comma-separated string), read from the built
    /// configuration when first needed, so settings added late (tests) count.
    /// </summary>
    public static IServiceCollection AddCrossOriginRequests(this IServiceCollection services)
    {
        services.AddCors();
        services.AddOptions<CorsOptions>().Configure<IConfiguration>((cors, configuration) => cors.AddDefaultPolicy(policy =>
            policy.WithOrigins(AllowedOrigins(configuration)).WithMethods("GET", "POST").WithHeaders(AllowedHeaders)
                .WithExposedHeaders(ExposedHeaders)
                // A browser asks once per ten minutes, not before every POST.
                .SetPreflightMaxAge(TimeSpan.FromMinutes(10))));
        return services;
    }

    /// <summary>
    /// Answers preflights and adds the CORS headers when an origin is allowed; before routing, so a preflight to a
    /// POST-only endpoint is answered here rather than refused by the router with 405. With no origin listed the
    /// pipeline is as it was: no CORS headers, and OPTIONS is 405.
    /// </summary>
    public static IApplicationBuilder UseCrossOriginRequests(this IApplicationBuilder app) =>
        AllowedOrigins(app.ApplicationServices.GetRequiredService<IConfiguration>()).Length > 0 ? app.UseCors() : app;

    private static string[] AllowedOrigins(IConfiguration configuration)
    {
        var section = configuration.GetSection(SectionName).GetSection("AllowedOrigins");
        var listed = section.Get<string[]>() ?? (section.Value is { } text ? text.Split(',') : []);
        var origins = listed.Select(o => o.Trim().TrimEnd('/')).Where(o => o.Length > 0).ToArray();
        foreach (var origin in origins)
        {
            if (origin != "*" && (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.AbsolutePath != "/" || uri.Query.Length > 0))
            {
                throw new InvalidOperationException($"{SectionName}:AllowedOrigins: '{origin}' is not an origin (scheme://host[:port]).");
            }
        }

        return origins;
    }
}
