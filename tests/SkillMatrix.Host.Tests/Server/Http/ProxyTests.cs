using System.Net.Http.Json;
using SkillMatrix.Host.Tests.Testing;

namespace SkillMatrix.Host.Tests.Server.Http;

/// <summary>
/// The settings for running behind a proxy, in process (the proxy itself is in <c>Host/ScaleOut</c>): who served an
/// answer only when a replica has a name, and a proxy that is not an address stops start-up naming the key.
/// </summary>
public sealed class ProxyTests
{
    private static async Task<HttpResponseMessage> PostAsync(TestHost host) =>
        await host.Anonymous().PostAsync(new Uri("/graphql", UriKind.Relative), JsonContent.Create(new { query = "{ __typename }" }));

    [Fact]
    public async Task A_named_replica_says_it_served_the_answer()
    {
        await using var host = await TestHost.Start().WithSetting("Replica:Name", "replica-7").BuildAsync();

        using var response = await PostAsync(host);

        Assert.Equal("replica-7", Assert.Single(response.Headers.GetValues("X-Served-By")));
    }

    [Fact]
    public async Task Without_a_replica_name_no_answer_says_who_served_it()
    {
        await using var host = await TestHost.Start().BuildAsync();

        using var response = await PostAsync(host);

        Assert.False(response.Headers.Contains("X-Served-By"));
    }

    [Fact]
    public async Task A_known_proxy_that_is_not_an_address_stops_start_up_naming_the_key()
    {
        var exception = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var host = await TestHost.Start().WithSetting("ForwardedHeaders:KnownProxies", "127.0.0.3, proxy.example.com").BuildAsync();
        });

        Assert.Contains("ForwardedHeaders:KnownProxies: 'proxy.example.com' is not an IP address.", exception.ToString(), StringComparison.Ordinal);
    }
}
