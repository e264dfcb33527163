using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Data.Sqlite;
using SkillMatrix.Host.Tests.Host.Cli;

namespace SkillMatrix.Host.Tests.Host.CrashSafety;

/// <summary>
/// The built Host serving in a child process, as an operator runs it (<c>dotnet SkillMatrix.Host.dll --urls ...</c>), so
/// that it can be killed and signalled like a real server: an in-process TestServer cannot be SIGKILLed. Loopback
/// only, on a port picked free just before the start; the database is a temp file given to the child alone.
/// </summary>
internal sealed class HostProcess : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(90);

    private readonly Process process;
    private readonly StringBuilder output = new();

    private HostProcess(Process process, Uri baseAddress)
    {
        this.process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public int Id => process.Id;

    public bool HasExited => process.HasExited;

    public int ExitCode => process.ExitCode;

    /// <summary>Everything the child wrote so far, both streams interleaved, for assertion messages.</summary>
    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    /// <summary>Starts the Host on <paramref name="databasePath"/> and returns once <c>/health/ready</c> answers 200.</summary>
    public static async Task<HostProcess> StartAsync(string databasePath, IReadOnlyDictionary<string, string>? settings = null)
    {
        var baseAddress = new Uri($"http://127.0.0.1:{FreeLoopbackPort().ToString(CultureInfo.InvariantCulture)}");
        var startInfo = new ProcessStartInfo(HostCommand.DotnetHost())
        {
            WorkingDirectory = Path.GetTempPath(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "SkillMatrix.Host.dll"));
        startInfo.ArgumentList.Add("--urls");
        startInfo.ArgumentList.Add(baseAddress.ToString().TrimEnd('/'));

        // Only the child sees these; the settings of the test process stay as they are. Sign-in is the in-process test
        // host's (TestAuth), so tokens are issued the same way in and out of process.
        startInfo.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        startInfo.Environment["ConnectionStrings__SkillMatrix"] = new SqliteConnectionStringBuilder { DataSource = databasePath }.ToString();
        foreach (var (name, value) in TestAuth.Environment())
        {
            startInfo.Environment[name] = value;
        }

        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            startInfo.Environment[name] = value;
        }

        var process = new Process { StartInfo = startInfo };
        var host = new HostProcess(process, baseAddress);
        process.OutputDataReceived += (_, e) => host.Append(e.Data);
        process.ErrorDataReceived += (_, e) => host.Append(e.Data);
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            process.Dispose();
            Assert.Fail($"`{startInfo.FileName}` could not be started ({ex.Message}). The .NET SDK's `dotnet` must be on PATH (or DOTNET_HOST_PATH set).");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await host.WaitUntilReadyAsync();
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }

        return host;
    }

    /// <summary>A client of this Host: one connection per concurrent request, no retries, a bounded wait.</summary>
    public HttpClient CreateClient(int maxConnections = 16) =>
        new(new SocketsHttpHandler { MaxConnectionsPerServer = maxConnections, PooledConnectionLifetime = TimeSpan.FromMinutes(2) })
        {
            BaseAddress = BaseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };

    /// <summary>SIGKILL on Linux and macOS: no shutdown code runs, nothing is flushed by the process.</summary>
    public void Kill()
    {
        process.Kill(entireProcessTree: true);
        if (!process.WaitForExit(TimeSpan.FromSeconds(15)))
        {
            Assert.Fail($"The Host (pid {Id}) was still running 15 s after SIGKILL.");
        }
    }

    /// <summary>
    /// SIGTERM, what an orchestrator sends before it stops a container. .NET has no API to send it to another process,
    /// so the <c>kill</c> command does.
    /// </summary>
    public async Task TerminateAsync()
    {
        var startInfo = new ProcessStartInfo("kill") { UseShellExecute = false, RedirectStandardError = true };
        startInfo.ArgumentList.Add("-TERM");
        startInfo.ArgumentList.Add(Id.ToString(CultureInfo.InvariantCulture));
        using var kill = new Process { StartInfo = startInfo };
        try
        {
            kill.Start();
        }
        catch (Win32Exception ex)
        {
            Assert.Fail($"`kill` could not be started ({ex.Message}); sending SIGTERM needs a POSIX system with the `kill` command.");
        }

        var error = await kill.StandardError.ReadToEndAsync();
        await kill.WaitForExitAsync();
        Assert.True(kill.ExitCode == 0, $"`kill -TERM {Id}` exited with {kill.ExitCode}: {error}");
    }

    /// <summary>The exit code once the process has ended; fails the test when it has not within <paramref name="timeout"/>.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"The Host (pid {Id}) did not exit within {timeout}:\n{Output}");
        }

        // The parameterless wait lets the redirected output drain to the end.
        process.WaitForExit();
        return process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        // A test that failed half-way must not leave a server behind.
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    /// <summary>A path for a database file that does not exist yet.</summary>
    public static string NewDatabasePath() => Path.Combine(Path.GetTempPath(), $"skillmatrix-crash-{Guid.NewGuid():N}.db");

    public static void DeleteDatabase(string path)
    {
        foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
        {
            File.Delete(path + suffix);
        }
    }

    private async Task WaitUntilReadyAsync()
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < ReadyTimeout)
        {
            if (process.HasExited)
            {
                process.WaitForExit();
                Assert.Fail($"The Host exited with {process.ExitCode} before it was ready:\n{Output}");
            }

            try
            {
                using var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet (migrations and the first-start import run before Kestrel binds).
            }

            await Task.Delay(100);
        }

        Assert.Fail($"The Host was not ready within {ReadyTimeout}:\n{Output}");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    // The OS hands out a free port; it is released at once for the child to bind. Another process could take it in
    // between, which start-up would report as an exit before ready, with Kestrel's message in the output.
    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
