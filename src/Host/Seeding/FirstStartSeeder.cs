using SkillMatrix.Catalog.Contracts;

namespace SkillMatrix.Host.Seeding;

/// <summary>Imports every seed page of <c>Seeds:Path</c> when the catalog is empty, so a fresh clone serves data.</summary>
internal sealed class FirstStartSeeder(IServiceProvider services, IConfiguration configuration, ILogger<FirstStartSeeder> logger)
{
    public static string SeedsPath(IConfiguration configuration) =>
        configuration["Seeds:Path"] is { Length: > 0 } configured ? configured : Path.Combine(AppContext.BaseDirectory, "seeds");

    public async Task SeedIfEmptyAsync(CancellationToken cancellationToken)
    {
        using var scope = services.CreateScope();
        var catalog = scope.ServiceProvider.GetRequiredService<ICatalogSeeding>();
        if (!await catalog.IsEmptyAsync(cancellationToken))
        {
            return;
        }

        var folder = SeedsPath(configuration);
        if (!Directory.Exists(folder))
        {
            logger.LogWarning("The catalog is empty and the seeds folder {Folder} does not exist; nothing imported", folder);
            return;
        }

        foreach (var file in Directory.EnumerateFiles(folder, "*.txt").Order(StringComparer.Ordinal))
        {
            // An empty catalog has no community changes to protect, so nothing here is ever refused.
            var result = await catalog.ImportFileAsync(file, force: false, cancellationToken);
            logger.LogInformation("Imported {File}: role {Role}, {Skills} skills, {Requirements} requirements",
                Path.GetFileName(file), result.RoleSlug, result.SkillCount, result.RequirementCount);
        }
    }
}
