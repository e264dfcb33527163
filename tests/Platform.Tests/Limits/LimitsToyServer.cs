using System.Security.Claims;
using GraphQL;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Platform.Server.Http;
using Platform.Server.Limits;
using Platform.Server.Security;

namespace Platform.Tests.Limits;

/// <summary>The limits toy schema behind the endpoint, in memory, with the limits registered and configured.</summary>
internal sealed class LimitsToyServer : IAsyncDisposable
{
    /// <summary>Requests carrying this header are signed in as the member it names (a stand-in for a bearer token).</summary>
    public const string MemberHeader = "X-Test-Member";

    /// <summary>The client address the test server reports (in memory it has none): this header's, else 192.0.2.1; "none" for none.</summary>
    public const string AddressHeader = "X-Test-Address";

    private readonly WebApplication app;

    private LimitsToyServer(WebApplication app)
    {
        this.app = app;
        Client = app.GetTestClient();
    }

    public HttpClient Client { get; }

    public IServiceProvider Services => app.Services;

    public static async Task<LimitsToyServer> StartAsync(Action<GraphQLLimitsOptions>? limits = null, string environment = "Production",
        IDictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = environment,
            ApplicationName = typeof(LimitsToyServer).Assembly.GetName().Name,
        });
        builder.Logging.ClearProviders();
        builder.WebHost.UseTestServer();
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.Services.AddGraphQL(graphql => graphql.AddSchema<LimitsToySchema>().AddSystemTextJson());
        builder.Services.AddSingleton<SlowProbe>();
        builder.Services.AddGraphQLHttp();
        builder.Services.AddGraphQLLimits(limits);

        var app = builder.Build();
        app.Use((context, next) =>
        {
            var address = context.Request.Headers.TryGetValue(AddressHeader, out var given) ? given.ToString() : "192.0.2.1";
            context.Connection.RemoteIpAddress = address == "none" ? null : System.Net.IPAddress.Parse(address);
            if (context.Request.Headers.TryGetValue(MemberHeader, out var member))
            {
                context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(TokenClaimTypes.Subject, member.ToString())], "Test"));
            }

            return next(context);
        });
        app.MapGraphQLEndpoint();
        await app.StartAsync();
        return new LimitsToyServer(app);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
