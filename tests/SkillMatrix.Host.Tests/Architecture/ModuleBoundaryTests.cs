using System.Reflection;
using NetArchTest.Rules;

namespace SkillMatrix.Host.Tests.Architecture;

/// <summary>The house rules of architecture.md, checked on the compiled assemblies.</summary>
public sealed class ModuleBoundaryTests
{
    private static readonly Assembly BuildingBlocks = typeof(BuildingBlocks.Schema.ISchemaSlice).Assembly;
    private static readonly Assembly Catalog = typeof(SkillMatrix.Catalog.CatalogModule).Assembly;

    private static readonly string[] Modules = ["SkillMatrix.Catalog", "SkillMatrix.Assessment", "SkillMatrix.Community"];

    [Fact]
    public void BuildingBlocks_know_no_module()
    {
        var result = Types.InAssembly(BuildingBlocks).ShouldNot().HaveDependencyOnAny(Modules).GetResult();

        Assert.True(result.IsSuccessful, Offenders(result));
    }

    [Fact]
    public void Catalog_references_no_other_module()
    {
        var result = Types.InAssembly(Catalog).ShouldNot().HaveDependencyOnAny("SkillMatrix.Assessment", "SkillMatrix.Community", "SkillMatrix.Host").GetResult();

        Assert.True(result.IsSuccessful, Offenders(result));
    }

    [Fact]
    public void Catalog_shows_only_its_registration_and_contracts()
    {
        var result = Types.InAssembly(Catalog)
            .That().ArePublic().And().DoNotResideInNamespace("SkillMatrix.Catalog.Contracts")
            // EF Core generates migrations as public classes; they are found by reflection, never referenced.
            .And().DoNotResideInNamespace("SkillMatrix.Catalog.Data.Migrations")
            .Should().HaveName(nameof(SkillMatrix.Catalog.CatalogModule))
            .GetResult();

        Assert.True(result.IsSuccessful, Offenders(result));
    }

    private static string Offenders(TestResult result) =>
        "Offending types: " + string.Join(", ", result.FailingTypeNames ?? []);
}
