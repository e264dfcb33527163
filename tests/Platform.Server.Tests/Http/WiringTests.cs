using Microsoft.Extensions.DependencyInjection;
using System.Net;
using GraphQL.Types;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Server.Http;
using Platform.Data.Schema;
using Platform.Server;
using static Platform.Tests.Shared.GraphQLHttp;

namespace Platform.Server.Tests.Http;

/// <summary>How the Host wires the endpoint: the SkillMatrix schema registration, configuration, startup checks.</summary>
public sealed class WiringTests
{
    [Fact]
    public async Task Serves_the_skillmatrix_schema_assembled_from_slices()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseTestServer();
        builder.Services.AddGraphQLServer();
        builder.Services.AddSchemaSlice<PingSlice>();
        builder.Services.AddGraphQLHttp();
        await using var app = builder.Build();
        app.MapGraphQLEndpoint();
        await app.StartAsync();
        using var client = app.GetTestClient();

        var reply = await client.ExchangeAsync(PostQuery("{ ping }"));

        reply.AssertIs(HttpStatusCode.OK);
        Assert.Equal("pong", reply.Json.GetProperty("data").GetProperty("ping").GetString());
    }

    [Fact]
    public void Options_bind_from_the_graphql_http_section()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["GraphQL:Http:MaxRequestBodyBytes"] = "2048", ["GraphQL:Ide:Enabled"] = "false" })
            .Build();
        var services = new ServiceCollection();
        services.AddGraphQLHttp();
        services.Configure<GraphQLHttpOptions>(configuration.GetSection(GraphQLHttpOptions.SectionName));
        services.Configure<GraphQLIdeOptions>(configuration.GetSection(GraphQLIdeOptions.SectionName));

        var provider = services.BuildServiceProvider();
        var options = provider.GetRequiredService<IOptions<GraphQLHttpOptions>>().Value;

        Assert.Equal(2048, options.MaxRequestBodyBytes);
        Assert.False(provider.GetRequiredService<IOptions<GraphQLIdeOptions>>().Value.Enabled);
    }

    [Fact]
    public void A_limit_that_is_not_positive_is_refused()
    {
        var services = new ServiceCollection();
        services.AddGraphQLHttp(o => o.MaxRequestBodyBytes = 0);

        Assert.Throws<OptionsValidationException>(() => services.BuildServiceProvider().GetRequiredService<IOptions<GraphQLHttpOptions>>().Value);
    }

    [Fact]
    public void Mapping_without_AddGraphQLHttp_fails_at_startup_with_a_hint()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        var app = builder.Build();

        var error = Assert.Throws<InvalidOperationException>(() => app.MapGraphQLEndpoint());

        Assert.Contains("AddGraphQLHttp", error.Message, StringComparison.Ordinal);
    }

    private sealed class PingSlice : ISchemaSlice
    {
        public void AddQueryFields(ObjectGraphType query) => query.Field<StringGraphType>("ping").Resolve(_ => "pong");
    }
}
