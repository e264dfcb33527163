using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SkillMatrix.Host.Tests.Infrastructure;

public static class GraphQLClient
{
    /// <summary>POSTs a query and returns the parsed response; fails the test on a non-200 status.</summary>
    public static async Task<JsonObject> PostQueryAsync(this HttpClient client, string query, object? variables = null)
    {
        using var response = await client.PostAsJsonAsync("/graphql", new { query, variables });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"HTTP {(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!.AsObject();
    }

    /// <summary>The <c>data</c> of a response that must have no errors.</summary>
    public static async Task<JsonNode> QueryDataAsync(this HttpClient client, string query, object? variables = null)
    {
        var response = await client.PostQueryAsync(query, variables);
        Assert.False(response.ContainsKey("errors"), response.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        return response["data"]!;
    }
}
