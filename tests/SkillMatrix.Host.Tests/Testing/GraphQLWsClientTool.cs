using System.ComponentModel;
using System.Diagnostics;

namespace SkillMatrix.Host.Tests.Testing;

/// <summary>
/// The npm graphql-ws client's conformance script (<c>tools/graphql-ws-client</c>), with its pinned packages installed
/// before a test runs it (as the graphql-http audit's are), so `dotnet test` on a machine with Node.js needs no step of its own.
/// </summary>
internal static class GraphQLWsClientTool
{
    public const string Folder = "tools/graphql-ws-client";
    public const string InstallHint = "Install Node.js 20 or later with npm; the test then runs `npm ci --prefix tools/graphql-ws-client` itself.";

    public static async Task<(string Root, string Script)> PrepareAsync()
    {
        var root = RepositoryRoot();
        var folder = Path.Combine(root, Folder);
        var marker = Path.Combine(folder, "node_modules", "graphql-ws", "package.json");
        if (!File.Exists(marker))
        {
            await using var installing = await LockAsync(Path.Combine(Path.GetTempPath(), "skillmatrix-graphql-ws-client.lock"));
            if (!File.Exists(marker))
            {
                await NpmCiAsync(folder);
            }
        }

        return (root, Path.Combine(folder, "conformance.mjs"));
    }

    private static async Task<FileStream> LockAsync(string path)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (attempt < 600)
            {
                await Task.Delay(500);
            }
        }
    }

    private static async Task NpmCiAsync(string folder)
    {
        var start = new ProcessStartInfo("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"])
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        Process npm;
        try
        {
            npm = Process.Start(start)!;
        }
        catch (Win32Exception exception)
        {
            Assert.Fail($"npm could not be started ({exception.Message}). {InstallHint}");
            return;
        }

        using (npm)
        {
            var output = npm.StandardOutput.ReadToEndAsync();
            var errors = npm.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
            await npm.WaitForExitAsync(timeout.Token);
            Assert.True(npm.ExitCode == 0, $"`npm ci` in {Folder} failed ({npm.ExitCode}):\n{await output}\n{await errors}");
        }
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, Folder, "conformance.mjs")))
            {
                return directory.FullName;
            }
        }

        Assert.Fail($"{Folder}/conformance.mjs was not found above {AppContext.BaseDirectory}.");
        return null!;
    }
}
