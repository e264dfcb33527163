using System.Net;
using System.Net.Sockets;

namespace SkillMatrix.Host.Tests.Host.Cli;

/// <summary>
/// The Host's command line as a user meets it: help lists the verbs, a typo is refused instead of starting the server,
/// a busy port is one line, and an option that needs a value refuses to go without one.
/// </summary>
public sealed class CommandLineTests
{
    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("help")]
    public async Task Help_lists_the_verbs_and_says_that_no_verb_serves(string word)
    {
        var run = await HostCommand.RunWithSettingsAsync(new Dictionary<string, string>(), word);

        Assert.True(run.ExitCode == 0, run.ToString());
        foreach (var verb in new[] { "schema", "import", "migrate", "token" })
        {
            Assert.Contains(verb, run.StandardOutput, StringComparison.Ordinal);
        }

        Assert.Contains("Without a verb it serves the API", run.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_verb_is_refused_with_exit_code_2_and_starts_nothing()
    {
        var run = await HostCommand.RunWithSettingsAsync(new Dictionary<string, string>(), "srve");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Equal("'srve' is not a verb. Verbs: schema, import, migrate, token; without one the server starts (--help for more).",
            run.StandardError.Trim());
        Assert.DoesNotContain("Now listening", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_busy_port_is_one_line_naming_it_and_exit_code_1()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var address = $"http://127.0.0.1:{((IPEndPoint)taken.LocalEndpoint).Port}";
        var database = HostCommand.NewDatabasePath();
        try
        {
            var run = await HostCommand.RunAsync(database, "--urls", address);

            Assert.True(run.ExitCode == 1, run.ToString());
            var line = Assert.Single(run.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            Assert.Equal($"SkillMatrix cannot start: Failed to bind to address {address}: address already in use. Choose another with --urls.", line);
            Assert.DoesNotContain("   at ", run.Output, StringComparison.Ordinal);
        }
        finally
        {
            HostCommand.DeleteDatabase(database);
        }
    }

    [Fact]
    public async Task Token_role_without_a_value_is_refused()
    {
        var database = HostCommand.NewDatabasePath();
        try
        {
            var run = await HostCommand.RunAsync(database, TestAuth.Environment(), "token", "--sub", "alice", "--role");

            Assert.True(run.ExitCode != 0, run.ToString());
            Assert.Contains("--role", run.StandardError, StringComparison.Ordinal);
            Assert.DoesNotContain("Token for", run.StandardOutput, StringComparison.Ordinal);
        }
        finally
        {
            HostCommand.DeleteDatabase(database);
        }
    }
}
