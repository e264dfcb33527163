using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace SkillMatrix.Host.Tests.Host.Cli;

/// <summary>What a child process did: its exit code and what it wrote, per stream and interleaved.</summary>
internal sealed record ChildProcessResult(string CommandLine, int ExitCode, string StandardOutput, string StandardError, string Output)
{
    /// <summary>For assertion messages: the command, its exit code and everything it wrote.</summary>
    public override string ToString() => $"`{CommandLine}` exited with {ExitCode}:\n{Output}";
}

/// <summary>
/// Runs a program to its end and captures its output: the built Host for the verbs, node for the graphql-http
/// audit. A program that cannot be started or does not finish in time fails the test with the given hint,
/// never skips it, so a machine without the tool is told what to install.
/// </summary>
internal static class ChildProcess
{
    public static async Task<ChildProcessResult> RunAsync(
        string program,
        IEnumerable<string> arguments,
        string workingDirectory,
        IReadOnlyDictionary<string, string>? environment = null,
        TimeSpan? timeout = null,
        string? notStartedHint = null)
    {
        var startInfo = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        // Only the child sees these: the test process's own configuration stays as it is.
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            startInfo.Environment[name] = value;
        }

        var commandLine = string.Join(' ', [program, .. startInfo.ArgumentList]);
        using var process = new Process { StartInfo = startInfo };
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        var all = new StringBuilder();
        process.OutputDataReceived += (_, e) => Append(stdout, e.Data);
        process.ErrorDataReceived += (_, e) => Append(stderr, e.Data);
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            Assert.Fail($"`{program}` could not be started ({ex.Message}). {notStartedHint}");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var limit = timeout ?? TimeSpan.FromMinutes(1);
        using var cancellation = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"`{commandLine}` did not finish within {limit}:\n{Snapshot(all)}");
        }

        // The parameterless wait lets the redirected output drain to the end.
        process.WaitForExit();
        return new ChildProcessResult(commandLine, process.ExitCode, Snapshot(stdout), Snapshot(stderr), Snapshot(all));

        void Append(StringBuilder stream, string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (all)
            {
                stream.AppendLine(line);
                all.AppendLine(line);
            }
        }

        string Snapshot(StringBuilder text)
        {
            lock (all)
            {
                return text.ToString();
            }
        }
    }
}
