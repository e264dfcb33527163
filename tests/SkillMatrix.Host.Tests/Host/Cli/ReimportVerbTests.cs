using Microsoft.Data.Sqlite;
using SkillMatrix.Host.Tests.Community;

namespace SkillMatrix.Host.Tests.Host.Cli;

/// <summary>
/// A database where the community changed the seeded role after its import: the Host served it, a member proposed
/// REST API Design at JUNIOR WORKING -> ADVANCED and an expert accepted it, over HTTP. Made once; each test imports into
/// a copy of it with the built Host's <c>import</c> verb, as an operator would after editing the seed page.
/// </summary>
public sealed class CommunityChangedDatabase : IAsyncLifetime
{
    public string DatabasePath { get; } = HostCommand.NewDatabasePath();

    public async Task InitializeAsync()
    {
        await using var host = await TestHost.Start().WithSignIn().BuildAsync();
        var api = new CommunityApi(host);
        var proposal = await api.ProposeAsync(api.SignIn("Author"), "rest-api-design", "JUNIOR", "ADVANCED", "Juniors design REST");
        CommunityApi.AssertNoErrors(await api.ReviewAsync(api.SignIn("Expert", expert: true), (string)proposal["id"]!, "ACCEPT"));
        var state = await api.RoleStateAsync("rest-api-design", "JUNIOR");
        Assert.Equal((2, "ADVANCED"), (state.Version, state.Proficiency));
        HostCommand.Copy(host.DatabasePath, DatabasePath);
    }

    public string CopyForTest()
    {
        var copy = HostCommand.NewDatabasePath();
        HostCommand.Copy(DatabasePath, copy);
        return copy;
    }

    public Task DisposeAsync()
    {
        HostCommand.DeleteDatabase(DatabasePath);
        return Task.CompletedTask;
    }
}

/// <summary>
/// Re-importing a seed page over a role the community changed since its last import: refused with the cells listed,
/// unless <c>--force</c>, which reverts them and says so in the role's changelog.
/// </summary>
public sealed class ReimportVerbTests(CommunityChangedDatabase changed) : IClassFixture<CommunityChangedDatabase>, IDisposable
{
    private const string RestApiDesignRow = "REST API Design W A E E E";

    private readonly List<string> temporaryFiles = [];

    private static string SeedPage => ImportedSeedDatabase.SeedPage;

    [Fact]
    public async Task Importing_the_old_page_over_an_accepted_change_is_refused_listing_the_cell_and_writes_nothing()
    {
        var database = Track(changed.CopyForTest());
        var before = HostCommand.Dump(database);

        var import = await HostCommand.RunAsync(database, "import", SeedPage);

        Assert.True(import.ExitCode == 4, import.ToString());
        Assert.Contains("the community changed 1 cell(s) of role backend-developer-python since its last import", import.StandardError, StringComparison.Ordinal);
        Assert.Contains("  REST API Design at JUNIOR: ADVANCED now, WORKING on the page", import.StandardError, StringComparison.Ordinal);
        Assert.Contains("--force", import.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("Updated role", import.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(before, HostCommand.Dump(database));
    }

    [Fact]
    public async Task A_forced_import_reverts_the_accepted_change_and_the_changelog_says_so()
    {
        var database = Track(changed.CopyForTest());

        var import = await HostCommand.RunAsync(database, "import", SeedPage, "--force");

        Assert.True(import.ExitCode == 0, import.ToString());
        Assert.Contains("Updated role backend-developer-python to version 3, reverting 1 community change(s)", import.StandardOutput, StringComparison.Ordinal);
        Assert.Equal("WORKING", Cell(database, "rest-api-design", "JUNIOR"));
        Assert.Equal(
            [
                "2 proposal: REST API Design at JUNIOR: WORKING -> ADVANCED (Juniors design REST)",
                "3 import: Forced re-import from backend-developer-python.txt, reverting 1 community change "
                + "(REST API Design at JUNIOR: ADVANCED -> WORKING): 1 requirement changed",
            ],
            Changelog(database));

        // The forced import is now the last import: the same page again has nothing to refuse and nothing to write.
        var again = await HostCommand.RunAsync(database, "import", SeedPage);
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("Role backend-developer-python is already up to date", again.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_page_that_agrees_with_the_accepted_change_imports_without_force()
    {
        var page = await EditedPageAsync(RestApiDesignRow, "REST API Design V A E E E");
        var database = Track(changed.CopyForTest());
        var before = HostCommand.Dump(database);

        var import = await HostCommand.RunAsync(database, "import", page);

        Assert.True(import.ExitCode == 0, import.ToString());
        Assert.Contains("Role backend-developer-python is already up to date", import.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(before, HostCommand.Dump(database));
    }

    [Fact]
    public async Task Without_community_changes_an_edited_page_imports_as_before()
    {
        var page = await EditedPageAsync(RestApiDesignRow, "REST API Design W W E E E");
        var database = Track(HostCommand.NewDatabasePath());
        var first = await HostCommand.RunAsync(database, "import", SeedPage);
        Assert.True(first.ExitCode == 0, first.ToString());

        var import = await HostCommand.RunAsync(database, "import", page);

        Assert.True(import.ExitCode == 0, import.ToString());
        Assert.Contains("Updated role backend-developer-python to version 2: 74 skills, 357 requirements", import.StandardOutput, StringComparison.Ordinal);
        Assert.Equal("WORKING", Cell(database, "rest-api-design", "MIDDLE"));
        Assert.Equal([$"2 import: Imported from {Path.GetFileName(page)}: 1 requirement changed"], Changelog(database));
    }

    public void Dispose()
    {
        foreach (var file in temporaryFiles)
        {
            HostCommand.DeleteDatabase(file);
        }
    }

    /// <summary>The seed page with one row replaced, found by its text so an edit elsewhere in the page does not matter.</summary>
    private async Task<string> EditedPageAsync(string row, string replacement)
    {
        var lines = await File.ReadAllLinesAsync(SeedPage);
        var index = Array.IndexOf(lines, row);
        Assert.True(index >= 0, $"The seed page has no line '{row}'.");
        lines[index] = replacement;
        var path = Track(Path.Combine(Path.GetTempPath(), $"edited-page-{Guid.NewGuid():N}.txt"));
        await File.WriteAllLinesAsync(path, lines);
        return path;
    }

    private static string? Cell(string database, string skill, string level) =>
        Query(database, """
            SELECT r.Proficiency FROM requirements r JOIN skills s ON s.Id = r.SkillId JOIN levels l ON l.Id = r.LevelId
            WHERE s.Slug = $skill AND l.Key = $level
            """, reader => reader.GetInt32(0) switch { 1 => "AWARENESS", 2 => "WORKING", 3 => "ADVANCED", 4 => "EXPERT", var other => $"{other}" },
            ("$skill", skill), ("$level", level)).SingleOrDefault();

    private static List<string> Changelog(string database) =>
        Query(database, "SELECT Version, ProposalId, Summary FROM changes ORDER BY Version",
            reader => $"{reader.GetInt32(0)} {(reader.IsDBNull(1) ? "import" : "proposal")}: {reader.GetString(2)}");

    private static List<T> Query<T>(string database, string sql, Func<SqliteDataReader, T> read, params (string Name, string Value)[] parameters)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    private string Track(string path)
    {
        temporaryFiles.Add(path);
        return path;
    }
}
