using System.ComponentModel;
using System.Diagnostics;

namespace SkillMatrix.Tests.Shared;

/// <summary>
/// Where graphql-http's audit script lives, and its npm packages installed before a test runs it: `dotnet test` on a
/// machine with Node.js needs no step of its own. Shared (as a linked file) by the two test projects that audit.
/// </summary>
internal static class GraphQLHttpAuditTool
{
    public const string Folder = "tools/graphql-http-audit";
    public const string InstallHint = "Install Node.js 20 or later with npm; the tests then run `npm ci --prefix tools/graphql-http-audit` themselves.";

    /// <summary>The repository root and the audit script, with the packages installed (once, whatever runs in parallel).</summary>
    public static async Task<(string Root, string Script)> PrepareAsync()
    {
        var root = RepositoryRoot();
        var folder = Path.Combine(root, Folder);
        if (!File.Exists(Path.Combine(folder, "node_modules", "graphql-http", "package.json")))
        {
            // Two test projects run at once and must not both write node_modules: an exclusive lock file spans processes
            // (a named mutex would not survive the await, which may resume on another thread).
            await using var installing = await LockAsync(Path.Combine(Path.GetTempPath(), "skillmatrix-graphql-http-audit.lock"));
            if (!File.Exists(Path.Combine(folder, "node_modules", "graphql-http", "package.json")))
            {
                await RunNpmCiAsync(folder);
            }
        }

        return (root, Path.Combine(folder, "audit.mjs"));
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

    private static async Task RunNpmCiAsync(string folder)
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
            if (File.Exists(Path.Combine(directory.FullName, Folder, "audit.mjs")))
            {
                return directory.FullName;
            }
        }

        Assert.Fail($"{Folder}/audit.mjs was not found above {AppContext.BaseDirectory}.");
        return null!;
    }
}
