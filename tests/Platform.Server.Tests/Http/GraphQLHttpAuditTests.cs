using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using SkillMatrix.Tests.Shared;
using Xunit.Abstractions;

namespace Platform.Server.Tests.Http;

/// <summary>
/// The endpoint against graphql-http's server audits, the GraphQL-over-HTTP spec's conformance suite: the toy
/// server on Kestrel (a real socket, as the audit's fetch needs), then tools/graphql-http-audit/audit.mjs, which
/// exits non-zero on any audit that is not "ok". Node.js and the npm packages are required, not optional: without
/// them the test fails and says how to install them.
/// </summary>
public sealed class GraphQLHttpAuditTests(ITestOutputHelper output)
{

    [Fact]
    public async Task Endpoint_passes_every_graphql_over_http_audit()
    {
        var (root, script) = await NodeTool.GraphQLHttpAudit.PrepareAsync();

        await using var server = await ToyServer.Create().OnKestrel().StartAsync();

        var (exitCode, text) = await RunNodeAsync(root, script, server.GraphQLUrl.ToString());
        output.WriteLine(text);

        Assert.True(exitCode == 0, $"The graphql-http audit failed (exit code {exitCode}):\n{text}");
    }

    private static async Task<(int ExitCode, string Output)> RunNodeAsync(string workingDirectory, string script, string url)
    {
        var startInfo = new ProcessStartInfo("node")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(script);
        startInfo.ArgumentList.Add(url);

        using var process = new Process { StartInfo = startInfo };
        var text = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (text) { text.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (text) { text.AppendLine(e.Data); } } };
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            Assert.Fail($"Node.js could not be started ({ex.Message}). {NodeTool.GraphQLHttpAudit.InstallHint}");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"The audit did not finish within two minutes:\n{text}");
        }

        // The parameterless wait lets the redirected output drain to the end.
        process.WaitForExit();
        lock (text)
        {
            return (process.ExitCode, text.ToString());
        }
    }
}
