namespace SkillMatrix.Host.Tests.Host.Cli;

/// <summary>
/// A database the <c>import</c> verb filled from the real seed page, made once for the class: every child process
/// costs a second or two, so the tests that need an imported catalog start from copies of this one.
/// </summary>
public sealed class ImportedSeedDatabase : IAsyncLifetime
{
    public static string SeedPage => Path.Combine(AppContext.BaseDirectory, "seeds", "backend-developer-python.txt");

    public string DatabasePath { get; } = HostCommand.NewDatabasePath();

    /// <summary>The first import into an empty database; asserted by the tests, so a failure shows its output there.</summary>
    internal ChildProcessResult FirstImport { get; private set; } = null!;

    public async Task InitializeAsync() => FirstImport = await HostCommand.RunAsync(DatabasePath, "import", SeedPage);

    /// <summary>A copy of the imported database, for a test to change; fails the test if the import did not succeed.</summary>
    public string CopyForTest()
    {
        Assert.True(FirstImport.ExitCode == 0, $"The seed import the test starts from failed: {FirstImport}");
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

/// <summary>The <c>import &lt;file&gt;</c> verb of the built Host, run as a user runs it.</summary>
public sealed class ImportVerbTests(ImportedSeedDatabase seeded) : IClassFixture<ImportedSeedDatabase>, IDisposable
{
    private readonly List<string> temporaryFiles = [];

    [Fact]
    public void Importing_the_seed_page_into_an_empty_database_creates_the_role()
    {
        var import = seeded.FirstImport;

        Assert.True(import.ExitCode == 0, import.ToString());
        Assert.Contains("Created role backend-developer-python", import.StandardOutput, StringComparison.Ordinal);
        // The counts the README promises, after the page's duplicated gRPC row is dropped.
        Assert.Contains("74 skills, 357 requirements", import.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Importing_the_same_page_again_says_up_to_date_and_changes_no_row()
    {
        var database = Track(seeded.CopyForTest());
        var before = HostCommand.Dump(database);
        Assert.Contains("'backend-developer-python'", before, StringComparison.Ordinal);

        var again = await HostCommand.RunAsync(database, "import", ImportedSeedDatabase.SeedPage);

        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("Role backend-developer-python is already up to date", again.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(before, HostCommand.Dump(database));
    }

    [Fact]
    public async Task A_broken_page_exits_1_naming_file_and_line_and_leaves_every_table_as_it_was()
    {
        // The line is found by its text, so an edit of the seed page elsewhere does not break the test.
        const string GoodRow = "REST API Design W A E E E";
        var lines = File.ReadAllLines(ImportedSeedDatabase.SeedPage);
        var index = Array.IndexOf(lines, GoodRow);
        Assert.True(index >= 0, $"The seed page has no line '{GoodRow}'.");
        lines[index] = "REST API Design W X E E E";
        var brokenPage = Track(Path.Combine(Path.GetTempPath(), $"broken-page-{Guid.NewGuid():N}.txt"));
        await File.WriteAllLinesAsync(brokenPage, lines);

        // An imported catalog, not an empty one: a failed update must not leave half of itself behind.
        var database = Track(seeded.CopyForTest());
        var before = HostCommand.Dump(database);
        Assert.Contains("'backend-developer-python'", before, StringComparison.Ordinal);

        var import = await HostCommand.RunAsync(database, "import", brokenPage);

        Assert.True(import.ExitCode == 1, import.ToString());
        Assert.Contains($"{Path.GetFileName(brokenPage)}:{index + 1}:", import.StandardError, StringComparison.Ordinal);
        Assert.Equal(before, HostCommand.Dump(database));
    }

    [Fact]
    public async Task Importing_a_file_that_does_not_exist_exits_non_zero_and_names_it()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"no-such-page-{Guid.NewGuid():N}.txt");
        var database = Track(HostCommand.NewDatabasePath());

        var import = await HostCommand.RunAsync(database, "import", missing);

        Assert.True(import.ExitCode != 0, import.ToString());
        Assert.Contains(Path.GetFileName(missing), import.StandardError, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        foreach (var file in temporaryFiles)
        {
            HostCommand.DeleteDatabase(file);
        }
    }

    private string Track(string path)
    {
        temporaryFiles.Add(path);
        return path;
    }
}
