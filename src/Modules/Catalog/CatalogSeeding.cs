using SkillMatrix.Catalog.Contracts;
using SkillMatrix.Catalog.Seeding;

namespace SkillMatrix.Catalog;

/// <summary>The public face of the seed importer, for the Host's first start and its <c>import</c> verb.</summary>
internal sealed class CatalogSeeding(SeedImporter importer) : ICatalogSeeding
{
    public Task<bool> IsEmptyAsync(CancellationToken cancellationToken = default) => importer.CatalogIsEmptyAsync(cancellationToken);

    public async Task<SeedFileImport> ImportFileAsync(string path, bool force = false, CancellationToken cancellationToken = default)
    {
        try
        {
            var result = await importer.ImportFileAsync(path, force, cancellationToken);
            return new SeedFileImport(result.RoleSlug, result.Created, result.Changed, result.Version, result.SkillCount, result.RequirementCount,
                result.Warnings, result.CommunityCells);
        }
        catch (SeedFormatException exception)
        {
            throw new SeedFileException(exception.Message, exception);
        }
    }
}
