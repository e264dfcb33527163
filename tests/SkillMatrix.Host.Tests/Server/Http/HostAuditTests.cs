using SkillMatrix.Host.Tests.Host.Cli;
using SkillMatrix.Tests.Shared;
using Xunit.Abstractions;

namespace SkillMatrix.Host.Tests.Server.Http;

/// <summary>
/// The real Host (its composition, schema and seeded SQLite file) against graphql-http's server audits, the
/// GraphQL-over-HTTP spec's conformance suite. The Platform.Server tests audit the endpoint on a toy schema; this
/// one proves the Host wires it up the same way. The audit's fetch needs a real socket, so the host serves on
/// Kestrel at 127.0.0.1 on a port the OS picks. Node.js is required, not optional: without it the
/// test fails and says so; the npm packages it installs itself.
/// </summary>
public sealed class HostAuditTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Host_endpoint_passes_every_graphql_over_http_audit()
    {
        var (root, script) = await NodeTool.GraphQLHttpAudit.PrepareAsync();

        await using var host = await TestHost.Start().OnKestrel().BuildAsync();
        var url = new Uri(ListeningAddress(host), "/graphql");

        var audit = await ChildProcess.RunAsync("node", [script, url.ToString()], root,
            timeout: TimeSpan.FromMinutes(2), notStartedHint: NodeTool.GraphQLHttpAudit.InstallHint);
        output.WriteLine(audit.Output);

        Assert.True(audit.ExitCode == 0, $"The graphql-http audit of the Host failed ({audit})");
    }

    // Kestrel replaces the requested http://127.0.0.1:0 with the address it actually bound.
    private static Uri ListeningAddress(TestHost host)
    {
        var address = Assert.Single(host.ServerAddresses);
        Assert.StartsWith("http://127.0.0.1:", address, StringComparison.Ordinal);
        Assert.DoesNotMatch(":0$", address);
        return new Uri(address);
    }
}
