using NetArchTest.Rules;

namespace Platform.Server.Tests;

/// <summary>Who may know whom inside the server layer, checked on the compiled assembly.</summary>
public sealed class ServerLayeringTests
{
    private static readonly System.Reflection.Assembly Server = typeof(GraphQLServerServiceCollectionExtensions).Assembly;

    [Fact]
    public void The_transport_names_no_rule()
    {
        var result = Types.InAssembly(Server).That().ResideInNamespace("Platform.Server.Http")
            .ShouldNot().HaveDependencyOnAny("Platform.Server.Limits", "Platform.Server.Security", "Platform.Server.Observability", "Platform.Server.PersistedQueries", "Platform.Server.Caching").GetResult();

        Assert.True(result.IsSuccessful, "Offending types: " + string.Join(", ", result.FailingTypeNames ?? []));
    }

    [Fact]
    public void The_limits_do_not_depend_on_observability()
    {
        var result = Types.InAssembly(Server).That().ResideInNamespace("Platform.Server.Limits")
            .ShouldNot().HaveDependencyOn("Platform.Server.Observability").GetResult();

        Assert.True(result.IsSuccessful, "Offending types: " + string.Join(", ", result.FailingTypeNames ?? []));
    }
}
