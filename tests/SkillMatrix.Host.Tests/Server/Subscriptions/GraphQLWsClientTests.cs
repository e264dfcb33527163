using SkillMatrix.Host.Tests.Host.Cli;
using Xunit.Abstractions;

namespace SkillMatrix.Host.Tests.Server.Subscriptions;

/// <summary>
/// The real Host driven by the npm graphql-ws client from Node (tools/graphql-ws-client/conformance.mjs): a query over the
/// socket, an anonymous myNotifications refused, a refused token closing with 4403, and a mutation's event reaching
/// proposalChanged and the watcher's myNotifications. Node.js is required, as for the graphql-http audit.
/// </summary>
public sealed class GraphQLWsClientTests(ITestOutputHelper output)
{
    [Fact]
    public async Task The_graphql_ws_client_from_npm_speaks_with_the_Host()
    {
        var (root, script) = await GraphQLWsClientTool.PrepareAsync();
        await using var host = await TestHost.Start().OnKestrel().WithSignIn().BuildAsync();
        var url = new Uri(new Uri(Assert.Single(host.ServerAddresses)), "/graphql");

        var run = await ChildProcess.RunAsync("node",
            [script, url.ToString(), host.SignIn("Node Author").Token, host.SignIn("Node Watcher").Token, "backend-developer-python"], root,
            timeout: TimeSpan.FromMinutes(2), notStartedHint: GraphQLWsClientTool.InstallHint);
        output.WriteLine(run.Output);

        Assert.True(run.ExitCode == 0, $"The graphql-ws client's checks failed ({run})");
        Assert.Equal(4, run.StandardOutput.Split('\n').Count(line => line.StartsWith("ok - ", StringComparison.Ordinal)));
    }
}
