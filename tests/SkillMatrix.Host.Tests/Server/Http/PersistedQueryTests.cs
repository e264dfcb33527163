using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace SkillMatrix.Host.Tests.Server.Http;

/// <summary>
/// Automatic persisted queries on the real Host, the exchange Apollo Client's persisted-queries link makes with
/// <c>useGETForHashedQueries</c>: GET by hash, PersistedQueryNotFound, POST with the query and its hash, then GET by
/// hash answers from the stored text.
/// </summary>
public sealed class PersistedQueryTests(SeededHost fixture) : IClassFixture<SeededHost>
{
    // The README's example, cut to what the comparison needs.
    private const string RoleQuery = """
        {
          role(slug: "backend-developer-python") {
            name family { name }
            levels { level { key name rank } focus techStack }
            stats { skillCount requirementCount mandatoryCount }
          }
        }
        """;

    [Fact]
    public async Task The_readme_role_example_round_trips_by_hash()
    {
        var client = fixture.Host.Anonymous();
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(RoleQuery)));
        var extensions = JsonSerializer.Serialize(new { persistedQuery = new { version = 1, sha256Hash = hash } });

        var miss = await client.SendGraphQLAsync(GetByHash(extensions));
        using var register = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = JsonContent.Create(new { query = RoleQuery, extensions = JsonDocument.Parse(extensions).RootElement }),
        };
        var registered = await client.SendGraphQLAsync(register);
        var hit = await client.SendGraphQLAsync(GetByHash(extensions));

        Assert.Equal(HttpStatusCode.OK, miss.Status);
        Assert.Equal("PERSISTED_QUERY_NOT_FOUND", (string?)miss.Extensions()?["code"]);
        Assert.Equal("PersistedQueryNotFound", (string?)miss.Body["errors"]![0]!["message"]);
        registered.AssertNoErrors();
        hit.AssertNoErrors();
        Assert.Equal("Backend Developer (Python)", (string?)hit.Body["data"]!["role"]!["name"]);
        Assert.Equal(registered.Body["data"]!.ToJsonString(), hit.Body["data"]!.ToJsonString());
    }

    private static HttpRequestMessage GetByHash(string extensions)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/graphql?extensions=" + Uri.EscapeDataString(extensions));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(GraphQLHttp.GraphQLResponseJson));
        return request;
    }
}
