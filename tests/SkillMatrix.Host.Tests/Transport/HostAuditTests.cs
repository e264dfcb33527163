using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using SkillMatrix.Host.Tests.Cli;
using SkillMatrix.Host.Tests.Infrastructure;
using SkillMatrix.Tests.Shared;
using Xunit.Abstractions;

namespace SkillMatrix.Host.Tests.Transport;

/// <summary>
/// The real Host (its composition, schema and seeded SQLite file) against graphql-http's server audits, the
/// GraphQL-over-HTTP spec's conformance suite. The BuildingBlocks tests audit the endpoint on a toy schema; this
/// one proves the Host wires it up the same way. The audit's fetch needs a real socket, so the factory serves on
/// Kestrel at 127.0.0.1 on a port the OS picks. Node.js is required, not optional: without it the
/// test fails and says so; the npm packages it installs itself.
/// </summary>
public sealed class HostAuditTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Host_endpoint_passes_every_graphql_over_http_audit()
    {
        var (root, script) = await GraphQLHttpAuditTool.PrepareAsync();

        await using var factory = new SkillMatrixFactory();
        // Port 0: the OS picks a free port, so parallel test runs never collide; the bound one is read back below.
        factory.UseKestrel(0);
        factory.StartServer();
        var url = new Uri(ListeningAddress(factory), "/graphql");

        var audit = await ChildProcess.RunAsync("node", [script, url.ToString()], root,
            timeout: TimeSpan.FromMinutes(2), notStartedHint: GraphQLHttpAuditTool.InstallHint);
        output.WriteLine(audit.Output);

        Assert.True(audit.ExitCode == 0, $"The graphql-http audit of the Host failed ({audit})");
    }

    // Kestrel replaces the requested http://127.0.0.1:0 with the address it actually bound.
    private static Uri ListeningAddress(SkillMatrixFactory factory)
    {
        var addresses = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        var address = Assert.Single(addresses ?? []);
        Assert.StartsWith("http://127.0.0.1:", address, StringComparison.Ordinal);
        Assert.DoesNotMatch(":0$", address);
        return new Uri(address);
    }
}
