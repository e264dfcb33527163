using NetArchTest.Rules;

namespace Platform.Data.Tests;

/// <summary>Who may know whom inside the data layer, checked on the compiled assembly.</summary>
public sealed class DataLayeringTests
{
    [Fact]
    public void Sorting_does_not_depend_on_filtering()
    {
        var result = Types.InAssembly(typeof(Platform.Data.Conventions.Projection).Assembly).That().ResideInNamespace("Platform.Data.Conventions.Sorting")
            .ShouldNot().HaveDependencyOn("Platform.Data.Conventions.Filtering").GetResult();

        Assert.True(result.IsSuccessful, "Offending types: " + string.Join(", ", result.FailingTypeNames ?? []));
    }
}
