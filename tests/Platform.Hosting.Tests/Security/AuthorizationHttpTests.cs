using System.Net;
using GraphQL;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.Server.Http;
using Platform.Server.Security;
using Platform.Hosting.Security;
using Platform.Server.Tests.Security;
using static Platform.Tests.Shared.GraphQLHttp;

namespace Platform.Hosting.Tests.Security;

/// <summary>
/// The toy schema behind the real endpoint, with local-mode sign-in: the status codes of a request refused for
/// authorization (401 with a Bearer challenge, 403) and that everything else keeps its status.
/// </summary>
public sealed class AuthorizationHttpTests : IAsyncLifetime
{
    private WebApplication app = null!;
    private HttpClient client = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Logging.ClearProviders();
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Auth:Issuer"] = "toy-issuer",
            ["Auth:Audience"] = "toy-audience",
            ["Auth:SigningKey"] = "toy-signing-key-that-is-at-least-32-bytes",
        });
        builder.Services.AddSingleton<ResolverCounter>();
        builder.Services.AddGraphQL(graphql => graphql.AddSchema<AuthorizationToySchema>().AddSystemTextJson());
        builder.Services.AddGraphQLHttp();
        builder.Services.AddBearerAuthentication(builder.Configuration);
        builder.Services.AddAuthorizationBuilder().AddPolicy(AuthorizationToySchema.BadgePolicy, policy => policy.RequireClaim("badge"));

        app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGraphQLEndpoint();
        await app.StartAsync();
        client = app.GetTestClient();
    }

    private string Token(params string[] roles) => app.Services.GetRequiredService<LocalTokenIssuer>().Issue("m1", "Member One", roles).Token;

    private Task<Reply> SendAsync(string query, string? token = null, string accept = GraphQLResponseJson)
    {
        var request = PostQuery(query, accept: accept);
        if (token is not null)
        {
            request.Headers.Authorization = new("Bearer", token);
        }

        return client.ExchangeAsync(request);
    }

    [Fact]
    public async Task Refused_for_want_of_sign_in_is_401_with_a_bearer_challenge()
    {
        var reply = await SendAsync("{ secret }");

        reply.AssertIs(HttpStatusCode.Unauthorized).AssertRequestError(AuthorizationErrorCodes.NotAuthenticated);
        Assert.Equal("Bearer", reply.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task Refused_to_a_signed_in_user_is_403_without_a_challenge()
    {
        var reply = await SendAsync("{ expertOnly }", Token());

        reply.AssertIs(HttpStatusCode.Forbidden).AssertRequestError(AuthorizationErrorCodes.NotAuthorized);
        Assert.Empty(reply.Headers.WwwAuthenticate);
    }

    [Fact]
    public async Task A_token_with_the_role_gets_the_data()
    {
        var reply = await SendAsync("{ expertOnly secret }", Token(ToyRoles.Expert));

        reply.AssertIs(HttpStatusCode.OK);
        Assert.Equal("expert", reply.Json.GetProperty("data").GetProperty("expertOnly").GetString());
    }

    [Fact]
    public async Task With_application_json_a_refusal_is_200_like_every_request_error()
    {
        var reply = await SendAsync("{ secret }", accept: Json);

        reply.AssertIs(HttpStatusCode.OK, Json).AssertRequestError(AuthorizationErrorCodes.NotAuthenticated);
    }

    [Fact]
    public async Task A_document_that_is_invalid_anyway_stays_400()
    {
        var reply = await SendAsync("{ secret noSuchField }");

        reply.AssertIs(HttpStatusCode.BadRequest).AssertRequestError("FIELDS_ON_CORRECT_TYPE");
    }

    [Fact]
    public async Task A_mutation_over_get_stays_405()
    {
        var reply = await client.ExchangeAsync(Get("query=" + Encode("mutation { change }")));

        reply.AssertIs(HttpStatusCode.MethodNotAllowed);
    }

    [Fact]
    public async Task Refused_over_get_is_401_too()
    {
        var reply = await client.ExchangeAsync(Get("query=" + Encode("{ secret }")));

        reply.AssertIs(HttpStatusCode.Unauthorized).AssertRequestError(AuthorizationErrorCodes.NotAuthenticated);
    }

    public async Task DisposeAsync()
    {
        client.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
