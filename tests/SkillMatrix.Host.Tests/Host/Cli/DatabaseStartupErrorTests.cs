namespace SkillMatrix.Host.Tests.Host.Cli;

/// <summary>
/// A database the Host cannot use stops it with one line that names the key or the server, and a non-zero exit;
/// an operator reading the log needs no stack trace for a typo.
/// </summary>
public sealed class DatabaseStartupErrorTests
{
    public static TheoryData<string[]> Commands => new() { new[] { "--urls", "http://127.0.0.1:0" }, new[] { "migrate" } };

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task An_unknown_provider_is_one_line_naming_the_key(string[] command)
    {
        var run = await HostCommand.RunWithSettingsAsync(new Dictionary<string, string> { ["Database__Provider"] = "Oracle" }, command);

        AssertOneLine(run, "Database:Provider: 'Oracle' is not a database provider; use Sqlite or PostgreSQL.");
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task A_server_that_does_not_answer_is_one_line_naming_the_host_and_port(string[] command)
    {
        // Port 1 on loopback: nothing listens there, so the connection is refused at once.
        var run = await HostCommand.RunWithSettingsAsync(new Dictionary<string, string>
        {
            ["Database__Provider"] = "PostgreSQL",
            ["ConnectionStrings__SkillMatrix"] = "Host=127.0.0.1;Port=1;Database=skillmatrix;Username=nobody;Password=secret",
        }, command);

        AssertOneLine(run, "PostgreSQL server 127.0.0.1:1, database skillmatrix cannot be used:");
        Assert.DoesNotContain("secret", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostgreSql_without_a_connection_string_is_one_line_naming_the_connection_string()
    {
        var run = await HostCommand.RunWithSettingsAsync(new Dictionary<string, string> { ["Database__Provider"] = "PostgreSQL" }, "migrate");

        AssertOneLine(run, "ConnectionStrings:SkillMatrix: Database:Provider is PostgreSQL but no connection string is set");
    }

    private static void AssertOneLine(ChildProcessResult run, string expected)
    {
        Assert.True(run.ExitCode != 0, run.ToString());
        var line = Assert.Single(run.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Output, StringComparison.Ordinal);
    }
}
