using System.Diagnostics;

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

    /// <summary>
    /// The README's command, `dotnet run --project src/Host -v q -- schema export > schema.graphql`, run from the
    /// repository's root as a user types it: its standard output must be the committed file, byte for byte. Without
    /// `-v q` the dotnet CLI writes "Using launch settings from ..." to standard output before the Host starts.
    /// </summary>
    [Fact]
    public async Task The_documented_dotnet_run_command_prints_the_schema_file_byte_for_byte()
    {
        var root = RepositoryRoot();
        var startInfo = new ProcessStartInfo(HostCommand.DotnetHost())
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["run", "--project", "src/Host", "-v", "q", "--", "schema", "export"])
        {
            startInfo.ArgumentList.Add(argument);
        }

        // The user's own database is none of this test's business, and the build the command may run leaves no
        // MSBuild nodes behind.
        startInfo.Environment["ConnectionStrings__SkillMatrix"] = $"Data Source={database}";
        startInfo.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        startInfo.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        using var process = Process.Start(startInfo)!;
        using var stdout = new MemoryStream();
        var copy = process.StandardOutput.BaseStream.CopyToAsync(stdout);
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("`dotnet run --project src/Host -v q -- schema export` did not finish within 5 minutes.");
        }

        await copy;
        Assert.True(process.ExitCode == 0, $"exited with {process.ExitCode}: {await stderr}");
        var committed = await File.ReadAllBytesAsync(Path.Combine(root, "schema.graphql"));
        var printed = stdout.ToArray();
        Assert.True(committed.AsSpan().SequenceEqual(printed),
            $"Standard output differs from schema.graphql; it starts with:\n{System.Text.Encoding.UTF8.GetString(printed.AsSpan(0, Math.Min(printed.Length, 300)))}");
    }

    /// <summary>The folder of SkillMatrix.sln above the test's binaries (the tests run from the repository's build).</summary>
    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "SkillMatrix.sln")))
            {
                return folder.FullName;
            }
        }

        Assert.Fail($"No SkillMatrix.sln above {AppContext.BaseDirectory}.");
        return "";
    }

    public void Dispose()
    {
        File.Delete(output);
        HostCommand.DeleteDatabase(database);
    }
}
