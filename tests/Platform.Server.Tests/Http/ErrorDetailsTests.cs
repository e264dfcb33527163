using Microsoft.Extensions.DependencyInjection;
using System.Net;
using GraphQL.Execution;
using Microsoft.Extensions.Hosting;
using static Platform.Tests.Shared.GraphQLHttp;

namespace Platform.Server.Tests.Http;

/// <summary>A resolver's exception never shows its message or stack trace outside Development.</summary>
public sealed class ErrorDetailsTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Resolver_exception_details_stay_hidden_outside_development(bool someoneTurnedDetailsOn)
    {
        await using var server = await ToyServer.Create().InEnvironment(Environments.Production).WithServices(services =>
        {
            if (someoneTurnedDetailsOn)
            {
                services.Configure<ErrorInfoProviderOptions>(o => o.ExposeExceptionDetails = true);
            }
        }).StartAsync();

        var reply = await server.Client.ExchangeAsync(PostQuery("{ fail }"));

        reply.AssertIs(HttpStatusCode.OK);
        Assert.Equal("Unexpected Execution Error", Assert.Single(reply.ErrorMessages));
        Assert.DoesNotContain("secret internal detail", reply.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", reply.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("details", reply.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Development_may_opt_in_to_exception_details()
    {
        await using var server = await ToyServer.Create().InEnvironment(Environments.Development).WithServices(services => services.Configure<ErrorInfoProviderOptions>(o => o.ExposeExceptionDetails = true)).StartAsync();

        var reply = await server.Client.ExchangeAsync(PostQuery("{ fail }"));

        Assert.Contains("secret internal detail", reply.Body, StringComparison.Ordinal);
    }
}
