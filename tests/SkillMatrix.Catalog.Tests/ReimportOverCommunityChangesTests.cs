using Microsoft.EntityFrameworkCore;
using Platform.Data.Events;
using SkillMatrix.Catalog.Contracts;
using SkillMatrix.Catalog.Integration;

namespace SkillMatrix.Catalog.Tests;

/// <summary>
/// The importer over cells accepted proposals changed (applied through the catalog's own <see cref="ICatalogChanges"/>,
/// as the Community module applies them): which cells it refuses to revert, and that only changes since the last import
/// count.
/// </summary>
public sealed class ReimportOverCommunityChangesTests
{
    [Fact]
    public async Task A_changed_and_a_removed_cell_are_both_listed_and_nothing_is_written()
    {
        await using var database = await CatalogDatabase.WithRoleAsync();
        await AcceptAsync(database, "p-1", "rest-api-design", "JUNIOR", Proficiency.Working, Proficiency.Advanced);
        await AcceptAsync(database, "p-2", "rest-api-design", "PRINCIPAL", Proficiency.Expert, null);
        var before = await database.DumpAsync();

        var result = await database.ImportAsync(SeedText.Original);

        Assert.True(result.Refused);
        Assert.False(result.Changed);
        Assert.Equal(3, result.Version);
        Assert.Null(result.ChangeSummary);
        Assert.Equal(
            [
                new CommunityCellChange("REST API Design", "JUNIOR", "ADVANCED", "WORKING"),
                new CommunityCellChange("REST API Design", "PRINCIPAL", "none", "EXPERT"),
            ],
            result.CommunityCells);
        Assert.Equal(before, await database.DumpAsync());
    }

    [Fact]
    public async Task Only_changes_since_the_last_import_count()
    {
        await using var database = await CatalogDatabase.WithRoleAsync();
        await AcceptAsync(database, "p-1", "rest-api-design", "JUNIOR", Proficiency.Working, Proficiency.Advanced);
        var forced = await database.ImportAsync(SeedText.Original, force: true);
        Assert.Equal((3, false), (forced.Version, forced.Refused));
        await AcceptAsync(database, "p-2", "rest-api-design", "PRINCIPAL", Proficiency.Expert, Proficiency.Advanced);

        var result = await database.ImportAsync(SeedText.Original);

        Assert.True(result.Refused);
        Assert.Equal([new CommunityCellChange("REST API Design", "PRINCIPAL", "ADVANCED", "EXPERT")], result.CommunityCells);
    }

    private static async Task AcceptAsync(CatalogDatabase database, string proposalId, string skill, string level, Proficiency? from, Proficiency? to)
    {
        await using var db = database.CreateContext();
        var roleId = await db.Roles.Select(r => r.Id).SingleAsync();
        var levelId = await db.Levels.Where(l => l.Key == level).Select(l => l.Id).SingleAsync();
        using var bus = new InProcessEventBus();
        var changes = new CatalogChanges(db, TimeProvider.System, new EventOutbox(bus));

        var outcome = await changes.ApplyAsync(new CellChange(proposalId, roleId, skill, null, levelId, from, to, true, $"{skill} at {level}"));

        Assert.Equal(CellChangeOutcome.Applied, outcome);
    }
}
