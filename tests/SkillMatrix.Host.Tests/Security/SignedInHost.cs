using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using GraphQL;
using GraphQL.Types;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Platform.Data.Schema;
using Platform.Server.Security;
using SkillMatrix.Host.Tests.Infrastructure;
using SkillMatrix.Community;

namespace SkillMatrix.Host.Tests.Security;

/// <summary>
/// Test-only root fields: the Host has no field that needs sign-in of its own yet, so these stand in for one.
/// </summary>
internal sealed class ViewerTestSlice : ISchemaSlice
{
    public void AddQueryFields(ObjectGraphType query)
    {
        query.Field<StringGraphType>("viewer").Authorize().Resolve(context => context.User.GetMemberId());
        query.Field<StringGraphType>("viewerName").Authorize().Resolve(context => context.User.GetMemberName());
        query.Field<ListGraphType<StringGraphType>>("viewerRoles").Authorize()
            .Resolve(context => context.User!.FindAll(TokenClaimTypes.Role).Select(c => c.Value).Order(StringComparer.Ordinal).ToList());
        query.Field<StringGraphType>("expertProbe").AuthorizeWithRoles(CommunityModule.ExpertRole).Resolve(_ => "expert");
    }
}

/// <summary>The settings a signed-in Host runs with, in tests and in the child processes of the token verb.</summary>
public static class TestAuth
{
    public const string Issuer = "skillmatrix-test";
    public const string Audience = "skillmatrix-test-api";
    public const string SigningKey = "test-only-signing-key-of-more-than-32-bytes";

    public static IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Auth:Issuer"] = Issuer,
        ["Auth:Audience"] = Audience,
        ["Auth:SigningKey"] = SigningKey,
    };
}

/// <summary>
/// The real Host (its own SQLite file, seeded as usual) with a local signing key and the test slice. SkillMatrixFactory
/// is sealed, so the settings go on through WithWebHostBuilder, which builds a second factory over the same database.
/// </summary>
public sealed class SignedInHost : IDisposable
{
    private readonly SkillMatrixFactory baseFactory = new();

    public SignedInHost()
    {
        Factory = WithAuth(baseFactory, TestAuth.Settings);
    }

    public WebApplicationFactory<Program> Factory { get; }

    public static WebApplicationFactory<Program> WithAuth(
        WebApplicationFactory<Program> factory, IReadOnlyDictionary<string, string> settings, Action<IServiceCollection>? services = null) =>
        factory.WithWebHostBuilder(builder =>
        {
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }

            builder.ConfigureTestServices(collection =>
            {
                collection.AddSchemaSlice<ViewerTestSlice>();
                services?.Invoke(collection);
            });
        });

    public void Dispose()
    {
        Factory.Dispose();
        baseFactory.Dispose();
    }
}

internal sealed record AuthReply(HttpStatusCode Status, string? WwwAuthenticate, JsonObject Body)
{
    public IReadOnlyList<string?> ErrorCodes =>
        Body["errors"]?.AsArray().Select(e => (string?)e!["extensions"]?["code"]).ToList() ?? [];

    public JsonNode? Data(string field) => Body["data"]?[field];

    public override string ToString() => $"{(int)Status} (WWW-Authenticate: {WwwAuthenticate}): {Body.ToJsonString()}";
}

internal static class AuthClient
{
    /// <summary>POSTs a query with an optional bearer token, asking for application/graphql-response+json.</summary>
    public static async Task<AuthReply> QueryAsync(this HttpClient client, string query, string? token = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query }) };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/graphql-response+json"));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await client.SendAsync(request);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        return new AuthReply(response.StatusCode, response.Headers.WwwAuthenticate.ToString(), body);
    }

    public static void AssertRefusedAsAnonymous(this AuthReply reply)
    {
        Assert.True(reply.Status == HttpStatusCode.Unauthorized, reply.ToString());
        Assert.Equal("Bearer", reply.WwwAuthenticate);
        Assert.Equal([AuthorizationErrorCodes.NotAuthenticated], reply.ErrorCodes);
        Assert.Null(reply.Body["data"]);
    }
}
