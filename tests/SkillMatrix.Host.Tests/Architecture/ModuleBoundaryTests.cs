using System.Reflection;
using NetArchTest.Rules;

namespace SkillMatrix.Host.Tests.Architecture;

/// <summary>The house rules of architecture.md, checked on the compiled assemblies.</summary>
public sealed class ModuleBoundaryTests
{
    private static readonly Assembly[] PlatformAssemblies =
    [
        typeof(Platform.Data.Schema.ISchemaSlice).Assembly,
        typeof(Platform.Server.GraphQLServerServiceCollectionExtensions).Assembly,
        typeof(Platform.Hosting.Persistence.PersistenceExtensions).Assembly,
    ];
    private static readonly Assembly Catalog = typeof(SkillMatrix.Catalog.CatalogModule).Assembly;
    private static readonly Assembly Community = typeof(SkillMatrix.Community.CommunityModule).Assembly;
    private static readonly Assembly Assessment = typeof(SkillMatrix.Assessment.AssessmentModule).Assembly;
    private static readonly Assembly Export = typeof(SkillMatrix.Export.ExportModule).Assembly;

    public static TheoryData<string> ModulesBesideCatalog => ["Community", "Assessment", "Export"];

    private static readonly string[] Modules = ["SkillMatrix.Catalog", "SkillMatrix.Assessment", "SkillMatrix.Community", "SkillMatrix.Export"];

    [Fact]
    public void The_platform_knows_no_module()
    {
        var result = Types.InAssemblies(PlatformAssemblies).ShouldNot().HaveDependencyOnAny(Modules).GetResult();

        Assert.True(result.IsSuccessful, Offenders(result));
    }

    [Fact]
    public void Catalog_references_no_other_module()
    {
        var result = Types.InAssembly(Catalog).ShouldNot().HaveDependencyOnAny("SkillMatrix.Assessment", "SkillMatrix.Community", "SkillMatrix.Export", "SkillMatrix.Host").GetResult();

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

    [Theory]
    [MemberData(nameof(ModulesBesideCatalog))]
    public void A_module_reaches_Catalog_only_through_its_contracts(string module)
    {
        var catalogInternals = Types.InAssembly(Catalog)
            .That().DoNotResideInNamespace("SkillMatrix.Catalog.Contracts")
            .GetTypes().Select(t => t.FullName!)
            // Types the compiler generates per assembly (e.g. <>z__ReadOnlyArray`1 for collection expressions) share
            // their names across assemblies; each module has its own, never the Catalog's.
            .Where(name => !name.StartsWith('<'))
            .ToArray();

        var result = Types.InAssembly(AssemblyOf(module)).ShouldNot().HaveDependencyOnAny(catalogInternals).GetResult();

        Assert.NotEmpty(catalogInternals);
        Assert.True(result.IsSuccessful, Offenders(result));
    }

    [Theory]
    [MemberData(nameof(ModulesBesideCatalog))]
    public void A_module_references_no_other_module_but_the_Catalog_contracts(string module)
    {
        var others = new[] { "SkillMatrix.Community", "SkillMatrix.Assessment", "SkillMatrix.Export", "SkillMatrix.Host" }.Where(o => o != $"SkillMatrix.{module}").ToArray();

        var result = Types.InAssembly(AssemblyOf(module)).ShouldNot().HaveDependencyOnAny(others).GetResult();

        Assert.True(result.IsSuccessful, Offenders(result));
    }

    [Theory]
    [MemberData(nameof(ModulesBesideCatalog))]
    public void A_module_shows_only_its_registration_and_options(string module)
    {
        var result = Types.InAssembly(AssemblyOf(module))
            .That().ArePublic().And().DoNotResideInNamespace($"SkillMatrix.{module}.Data.Migrations")
            .Should().HaveNameMatching($"^{module}(Module|Options)$")
            .GetResult();

        Assert.True(result.IsSuccessful, Offenders(result));
    }

    private static Assembly AssemblyOf(string module) => module switch
    {
        "Community" => Community,
        "Assessment" => Assessment,
        _ => Export,
    };

    private static string Offenders(TestResult result) =>
        "Offending types: " + string.Join(", ", result.FailingTypeNames ?? []);
}
