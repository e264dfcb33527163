using Microsoft.Extensions.DependencyInjection;
using GraphQL;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Platform.Server.Http;

namespace Platform.Tests.Http;

internal sealed record ToyServerOptions
{
    public bool UseKestrel { get; init; }

    public string Environment { get; init; } = Environments.Production;

    public Action<GraphQLHttpOptions>? ConfigureHttp { get; init; }

    public Action<IServiceCollection>? ConfigureServices { get; init; }
}

/// <summary>The toy schema behind the endpoint, in memory (TestServer) or on a loopback port (Kestrel).</summary>
internal sealed class ToyServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ToyServer(WebApplication app, HttpClient client, Uri baseAddress)
    {
        _app = app;
        Client = client;
        GraphQLUrl = new Uri(baseAddress, "/graphql");
    }

    public HttpClient Client { get; }

    public Uri GraphQLUrl { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<ToyServer> StartAsync(ToyServerOptions? options = null)
    {
        options ??= new ToyServerOptions();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = options.Environment,
            ApplicationName = typeof(ToyServer).Assembly.GetName().Name,
        });
        builder.Logging.ClearProviders();
        if (options.UseKestrel)
        {
            builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        }
        else
        {
            builder.WebHost.UseTestServer();
        }

        builder.Services.AddGraphQL(graphql => graphql.AddSchema<ToySchema>().AddSystemTextJson());
        builder.Services.AddSingleton<CancellationProbe>();
        builder.Services.AddGraphQLHttp(options.ConfigureHttp);
        options.ConfigureServices?.Invoke(builder.Services);

        var app = builder.Build();
        app.MapGraphQLEndpoint();
        await app.StartAsync();

        if (options.UseKestrel)
        {
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
            var baseAddress = new Uri(address);
            return new ToyServer(app, new HttpClient { BaseAddress = baseAddress }, baseAddress);
        }

        var client = app.GetTestClient();
        return new ToyServer(app, client, client.BaseAddress!);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>One in-memory toy server shared by the tests of a class.</summary>
public sealed class ToyServerFixture : IAsyncLifetime
{
    private ToyServer? _server;

    internal ToyServer Server => _server ?? throw new InvalidOperationException("The fixture has not started.");

    public async Task InitializeAsync() => _server = await ToyServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
