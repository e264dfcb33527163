using Microsoft.Extensions.Logging;
using SkillMatrix.Catalog.Data;

namespace SkillMatrix.Catalog.Seeding;

// Placeholder: the parser and importer are written in their own change.
internal sealed class SeedImporter(CatalogDbContext db, ILogger<SeedImporter> logger)
{
    public Task ImportFileAsync(string path, CancellationToken cancellationToken = default)
    {
        _ = db; _ = logger; _ = path; _ = cancellationToken;
        throw new NotImplementedException();
    }
}
