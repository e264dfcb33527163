using System.ComponentModel;
using System.Diagnostics;

namespace SkillMatrix.Tests.Shared;

/// <summary>
/// A Node.js script of ours under <c>tools/</c> that a test runs against a server, with its pinned npm packages
/// installed before the test runs it: `dotnet test` on a machine with Node.js needs no step of its own. Shared (as a
/// linked file) by the test projects that run one.
/// </summary>
internal sealed class NodeTool(string folder, string package, string script)
{
    /// <summary>graphql-http's audit of the GraphQL-over-HTTP spec.</summary>
    public static readonly NodeTool GraphQLHttpAudit = new("tools/graphql-http-audit", "graphql-http", "audit.mjs");

    /// <summary>The npm graphql-ws client's conformance script.</summary>
    public static readonly NodeTool GraphQLWsClient = new("tools/graphql-ws-client", "graphql-ws", "conformance.mjs");

    public string Folder { get; } = folder;

    public string InstallHint => $"Install Node.js 20 or later with npm; the tests then run `npm ci --prefix {Folder}` themselves.";

    /// <summary>The repository root and the script, with the packages installed (once, whatever runs in parallel).</summary>
    public async Task<(string Root, string Script)> PrepareAsync()
    {
        var root = RepositoryRoot();
        var directory = Path.Combine(root, Folder);
        var marker = Path.Combine(directory, "node_modules", package, "package.json");
        if (!File.Exists(marker))
        {
            // Two test projects run at once and must not both write node_modules: an exclusive lock file spans processes
            // (a named mutex would not survive the await, which may resume on another thread).
            await using var installing = await LockAsync(Path.Combine(Path.GetTempPath(), $"skillmatrix-{Path.GetFileName(Folder)}.lock"));
            if (!File.Exists(marker))
            {
                await RunNpmCiAsync(directory);
            }
        }

        return (root, Path.Combine(directory, script));
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

    private async Task RunNpmCiAsync(string directory)
    {
        var start = new ProcessStartInfo("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"])
        {
            WorkingDirectory = directory,
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

    private string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, Folder, script)))
            {
                return directory.FullName;
            }
        }

        Assert.Fail($"{Folder}/{script} was not found above {AppContext.BaseDirectory}.");
        return null!;
    }
}
