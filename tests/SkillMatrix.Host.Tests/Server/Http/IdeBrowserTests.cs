using SkillMatrix.Host.Tests.Host.Cli;

namespace SkillMatrix.Host.Tests.Server.Http;

/// <summary>
/// The IDE in a real browser with no way out: Debian's headless Chromium, every host name but the Host's own address
/// unresolvable, loads GET /graphql and must end with GraphiQL rendered (its editors and run button), not at
/// "Loading GraphiQL...", and the IDE's introspection query must have reached the Host.
/// </summary>
public sealed class IdeBrowserTests
{
    [Fact]
    public async Task GraphiQL_renders_in_a_browser_that_can_reach_nothing_but_the_Host()
    {
        await using var host = await TestHost.Start().OnKestrel().WithTelemetry().WithSetting("GraphQL:Ide:Enabled", "true").BuildAsync();
        var address = host.ServerAddresses.Single();
        var profile = Directory.CreateTempSubdirectory("skillmatrix-chromium-");
        try
        {
            var browser = await ChildProcess.RunAsync("chromium",
                [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                    $"--user-data-dir={profile.FullName}",
                    // No DNS and no proxy: a page that needed a CDN would stay at "Loading GraphiQL...".
                    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1", "--no-proxy-server",
                    "--virtual-time-budget=20000", "--dump-dom", $"{address}/graphql",
                ],
                workingDirectory: profile.FullName,
                timeout: TimeSpan.FromMinutes(2),
                notStartedHint: "Install Debian's chromium (apt-get install -y chromium); ./test.sh installs it.");

            Assert.True(browser.ExitCode == 0, browser.ToString());
            var dom = browser.StandardOutput;
            Assert.True(dom.Contains("class=\"graphiql-container", StringComparison.Ordinal) && dom.Contains("graphiql-execute-button", StringComparison.Ordinal)
                && !dom.Contains("Loading GraphiQL...", StringComparison.Ordinal), browser.ToString());
            Assert.Contains(host.Telemetry.Logs.Entries, log => log.Message.Contains("IntrospectionQuery", StringComparison.Ordinal));
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }
}
