namespace SkillMatrix.Host.Tests.Host.Cli;

/// <summary>
/// The <c>schema export</c> verb of the built Host. SchemaFileTests compares the printer's output in process; this
/// proves the command a contributor runs to refresh schema.graphql writes exactly that file.
/// </summary>
public sealed class SchemaExportVerbTests : IDisposable
{
    private readonly string output = Path.Combine(Path.GetTempPath(), $"skillmatrix-schema-{Guid.NewGuid():N}.graphql");
    private readonly string database = HostCommand.NewDatabasePath();

    [Fact]
    public async Task Schema_export_writes_the_committed_schema_file()
    {
        var export = await HostCommand.RunAsync(database, "schema", "export", "--output", output);

        Assert.True(export.ExitCode == 0, export.ToString());
        Assert.True(File.Exists(output), $"No file was written at {output}: {export}");
        var committed = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "schema.graphql")).ReplaceLineEndings("\n");
        Assert.Equal(committed, File.ReadAllText(output));
    }

    public void Dispose()
    {
        File.Delete(output);
        HostCommand.DeleteDatabase(database);
    }
}
