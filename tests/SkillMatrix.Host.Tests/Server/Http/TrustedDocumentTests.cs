using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace SkillMatrix.Host.Tests.Server.Http;

/// <summary>
/// Trusted documents on the real Host: a manifest as graphql-codegen's client preset writes it
/// (<c>persisted-documents.json</c>), <c>GraphQL:PersistedOperations:Mode</c> Only. Its operation answers by id and by
/// its text; any other text is refused before it runs.
/// </summary>
public sealed class TrustedDocumentTests
{
    private const string RoleName = """query RoleName { role(slug: "backend-developer-python") { name } }""";

    [Fact]
    public async Task Only_the_manifest_s_operations_run()
    {
        var folder = Directory.CreateTempSubdirectory("trusted-documents-").FullName;
        try
        {
            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(RoleName)));
            var manifest = Path.Combine(folder, "persisted-documents.json");
            await File.WriteAllTextAsync(manifest, JsonSerializer.Serialize(new Dictionary<string, string> { [hash] = RoleName }));
            await using var host = await TestHost.Start()
                .WithSetting("GraphQL:PersistedOperations:Mode", "Only")
                .WithSetting("GraphQL:PersistedOperations:Manifest", manifest)
                .BuildAsync();
            var client = host.Anonymous();

            var byId = await client.SendGraphQLAsync(Send(HttpMethod.Post, "/graphql", new { id = hash }));
            var byGet = await client.SendGraphQLAsync(Send(HttpMethod.Get, "/graphql?id=" + hash));
            var byText = await client.QueryAsync(RoleName);
            var untrusted = await client.QueryAsync("{ role(slug: \"backend-developer-python\") { name levels { focus } } }");
            var unknown = await client.SendGraphQLAsync(Send(HttpMethod.Post, "/graphql", new { id = new string('0', 64) }));

            foreach (var trusted in new[] { byId, byGet, byText })
            {
                trusted.AssertNoErrors();
                Assert.Equal("Backend Developer (Python)", (string?)trusted.Body["data"]!["role"]!["name"]);
            }

            Assert.Equal(HttpStatusCode.BadRequest, untrusted.Status);
            Assert.Null(untrusted.Body["data"]);
            Assert.Equal("ONLY_PERSISTED_OPERATIONS_ALLOWED", (string?)untrusted.Extensions()?["code"]);
            Assert.Equal(HttpStatusCode.BadRequest, unknown.Status);
            Assert.Equal("PERSISTED_OPERATION_NOT_FOUND", (string?)unknown.Extensions()?["code"]);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static HttpRequestMessage Send(HttpMethod method, string url, object? body = null)
    {
        var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(GraphQLHttp.GraphQLResponseJson));
        return request;
    }
}
