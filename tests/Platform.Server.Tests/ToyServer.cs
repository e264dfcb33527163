using System.Net;
using System.Security.Claims;
using GraphQL;
using GraphQL.DI;
using GraphQL.Types;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Platform.Server.Http;
using Platform.Server.Limits;
using Platform.Server.Security;
using Platform.Server.Tests.Http;
using Platform.Server.Tests.Limits;

namespace Platform.Server.Tests;

/// <summary>
/// A toy schema behind the endpoint, in memory (TestServer) or on a loopback port (Kestrel):
/// <c>await ToyServer.Create().OnKestrel().WithHttp(o => ...).StartAsync()</c>.
/// </summary>
internal sealed class ToyServer : IAsyncDisposable
{
    /// <summary>Requests carrying this header are signed in as the member it names (a stand-in for a bearer token).</summary>
    public const string MemberHeader = "X-Test-Member";

    /// <summary>The client address the test server reports (in memory it has none): this header's, else 192.0.2.1; "none" for none.</summary>
    public const string AddressHeader = "X-Test-Address";

    private readonly WebApplication app;

    private ToyServer(WebApplication app, HttpClient client, Uri baseAddress)
    {
        this.app = app;
        Client = client;
        GraphQLUrl = new Uri(baseAddress, "/graphql");
    }

    public HttpClient Client { get; }

    public Uri GraphQLUrl { get; }

    public IServiceProvider Services => app.Services;

    /// <summary>A server of the transport's toy schema.</summary>
    public static Builder Create() => Create<ToySchema>();

    /// <summary>A server of <typeparamref name="TSchema"/>.</summary>
    public static Builder Create<TSchema>() where TSchema : class, ISchema => new(graphql => graphql.AddSchema<TSchema>());

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
    }

    internal sealed class Builder(Action<IGraphQLBuilder> addSchema)
    {
        private readonly List<Action<IServiceCollection>> services = [];
        private readonly Dictionary<string, string?> settings = [];
        private bool kestrel;
        private bool limits;
        private string environment = Environments.Production;
        private Action<GraphQLHttpOptions>? http;
        private Action<GraphQLIdeOptions>? ide;

        /// <summary>On a loopback port instead of in memory.</summary>
        public Builder OnKestrel(bool onKestrel = true)
        {
            kestrel = onKestrel;
            return this;
        }

        public Builder InEnvironment(string name)
        {
            environment = name;
            return this;
        }

        public Builder WithHttp(Action<GraphQLHttpOptions> configure)
        {
            http = configure;
            return this;
        }

        public Builder WithIde(Action<GraphQLIdeOptions> configure)
        {
            ide = configure;
            return this;
        }

        /// <summary>
        /// The limits registered (and <paramref name="configure"/>d after binding), and callers told apart as the rate
        /// limit needs: by <see cref="MemberHeader"/> and <see cref="AddressHeader"/>.
        /// </summary>
        public Builder WithLimits(Action<GraphQLLimitsOptions>? configure = null)
        {
            limits = true;
            services.Add(s => s.AddGraphQLLimits(configure));
            return this;
        }

        /// <summary>Configuration settings, as appsettings would give them.</summary>
        public Builder WithSettings(IDictionary<string, string?> values)
        {
            foreach (var (key, value) in values)
            {
                settings[key] = value;
            }

            return this;
        }

        public Builder WithServices(Action<IServiceCollection> configure)
        {
            services.Add(configure);
            return this;
        }

        public async Task<ToyServer> StartAsync()
        {
            var builder = WebApplication.CreateBuilder(new WebApplicationOptions
            {
                EnvironmentName = environment,
                ApplicationName = typeof(ToyServer).Assembly.GetName().Name,
            });
            builder.Logging.ClearProviders();
            if (kestrel)
            {
                builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
            }
            else
            {
                builder.WebHost.UseTestServer();
            }

            builder.Configuration.AddInMemoryCollection(settings);
            builder.Services.AddGraphQL(graphql => addSchema(graphql.AddSystemTextJson()));
            builder.Services.AddSingleton<CancellationProbe>();
            builder.Services.AddGraphQLHttp(http, ide);
            foreach (var configure in services)
            {
                configure(builder.Services);
            }

            var app = builder.Build();
            if (limits)
            {
                app.Use((context, next) =>
                {
                    var address = context.Request.Headers.TryGetValue(AddressHeader, out var given) ? given.ToString() : "192.0.2.1";
                    context.Connection.RemoteIpAddress = address == "none" ? null : IPAddress.Parse(address);
                    if (context.Request.Headers.TryGetValue(MemberHeader, out var member))
                    {
                        context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(TokenClaimTypes.Subject, member.ToString())], "Test"));
                    }

                    return next(context);
                });
            }

            app.MapGraphQLEndpoint();
            await app.StartAsync();

            if (kestrel)
            {
                var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
                var baseAddress = new Uri(address);
                return new ToyServer(app, new HttpClient { BaseAddress = baseAddress }, baseAddress);
            }

            var client = app.GetTestClient();
            return new ToyServer(app, client, client.BaseAddress!);
        }
    }
}

/// <summary>One in-memory toy server shared by the tests of a class.</summary>
public sealed class ToyServerFixture : IAsyncLifetime
{
    private ToyServer? server;

    internal ToyServer Server => server ?? throw new InvalidOperationException("The fixture has not started.");

    public async Task InitializeAsync() => server = await ToyServer.Create().StartAsync();

    public async Task DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }
}
