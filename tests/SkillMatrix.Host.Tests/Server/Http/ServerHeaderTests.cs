using SkillMatrix.Host.Tests.Testing;

namespace SkillMatrix.Host.Tests.Server.Http;

/// <summary>What the answers say about the server, over a real socket (Kestrel).</summary>
public sealed class ServerHeaderTests
{
    [Fact]
    public async Task No_answer_names_the_web_server()
    {
        await using var host = await TestHost.Start().OnKestrel().BuildAsync();
        using var http = new HttpClient { BaseAddress = new Uri(Assert.Single(host.ServerAddresses)) };

        using var graphql = await http.GetAsync(new Uri("/graphql?query=%7B__typename%7D", UriKind.Relative));
        using var health = await http.GetAsync(new Uri("/health/live", UriKind.Relative));
        using var missing = await http.GetAsync(new Uri("/nothing-here", UriKind.Relative));

        foreach (var response in new[] { graphql, health, missing })
        {
            Assert.False(response.Headers.Contains("Server"), $"{response.RequestMessage?.RequestUri}: Server: {string.Join(",", response.Headers.Server)}");
        }
    }
}
