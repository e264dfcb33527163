using System.Reflection;
using System.Text.RegularExpressions;
using Mono.Cecil;
using Mono.Cecil.Cil;
using NetArchTest.Rules;

namespace SkillMatrix.Host.Tests.Architecture;

/// <summary>
/// The platform's layers (docs/architecture.md): Data, then Server, then Hosting, each seeing only the ones below it,
/// and none of them knowing the product. The project references make the first rule a compile error already; these
/// tests pin what the compiler cannot see across assemblies: which packages each layer may use, what a module may
/// take from Hosting, and the words the platform may not say. Rules inside one layer are tested beside it
/// (Platform.Server.Tests' ServerLayeringTests, Platform.Data.Tests' DataLayeringTests).
/// </summary>
public sealed partial class PlatformLayerTests
{
    private static readonly Assembly Data = typeof(Platform.Data.Schema.ISchemaSlice).Assembly;
    private static readonly Assembly Server = typeof(Platform.Server.GraphQLServerServiceCollectionExtensions).Assembly;
    private static readonly Assembly Hosting = typeof(Platform.Hosting.Persistence.PersistenceExtensions).Assembly;

    public static TheoryData<string> Layers => ["Platform.Data", "Platform.Server", "Platform.Hosting"];

    [Fact]
    public void Data_depends_only_on_the_engine_and_EF_Core()
    {
        var allowed = new[] { "System.", "Microsoft.EntityFrameworkCore", "Microsoft.Extensions.", "GraphQL", "GraphQLParser" };

        var references = Data.GetReferencedAssemblies().Select(a => a.Name!)
            .Where(name => name is not ("netstandard" or "System"))
            .Where(name => !allowed.Any(prefix => name.StartsWith(prefix, StringComparison.Ordinal)))
            .ToList();

        Assert.Empty(references);
    }

    [Fact]
    public void Server_knows_neither_the_hosting_layer_nor_a_database_provider_nor_a_Redis_client()
    {
        var references = Server.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.Contains("Platform.Data", references);
        Assert.DoesNotContain(references, name => name is "Platform.Hosting"
            || name.StartsWith("Microsoft.EntityFrameworkCore.Sqlite", StringComparison.Ordinal)
            || name.StartsWith("Microsoft.Data.Sqlite", StringComparison.Ordinal)
            || name.StartsWith("Npgsql", StringComparison.Ordinal)
            || name.StartsWith("OpenTelemetry", StringComparison.Ordinal)
            || name.StartsWith("StackExchange.Redis", StringComparison.Ordinal)
            || name.StartsWith("Microsoft.AspNetCore.Authentication.JwtBearer", StringComparison.Ordinal));
    }

    [Fact]
    public void Data_types_see_nothing_above_them()
    {
        var result = Types.InAssembly(Data).ShouldNot().HaveDependencyOnAny("Platform.Server", "Platform.Hosting", "Microsoft.AspNetCore").GetResult();

        Assert.True(result.IsSuccessful, Offenders(result));
    }

    [Fact]
    public void No_module_reaches_into_the_hosting_layer_beyond_its_registration()
    {
        // A module registers its DbContext through Hosting; resolvers and handlers stay on Data and Server.
        var modules = new[]
        {
            typeof(SkillMatrix.Catalog.CatalogModule).Assembly,
            typeof(SkillMatrix.Community.CommunityModule).Assembly,
            typeof(SkillMatrix.Assessment.AssessmentModule).Assembly,
        };

        var result = Types.InAssemblies(modules)
            .That().DoNotHaveNameEndingWith("Module")
            .ShouldNot().HaveDependencyOn("Platform.Hosting")
            .GetResult();

        Assert.True(result.IsSuccessful, Offenders(result));
    }

    [Theory]
    [MemberData(nameof(Layers))]
    public void The_platform_says_no_product_name_and_no_domain_word(string layer)
    {
        var assembly = new[] { Data, Server, Hosting }.Single(a => a.GetName().Name == layer);
        using var module = ModuleDefinition.ReadModule(assembly.Location);

        var words = new List<string>();
        foreach (var type in module.GetTypes().Where(t => !t.Name.StartsWith('<')))
        {
            words.Add(type.FullName);
            words.AddRange(type.Fields.Select(f => f.Name));
            words.AddRange(type.Properties.Select(p => p.Name));
            words.AddRange(type.Methods.Select(m => m.Name));
            // String literals too: a name the platform hands out (a span, a header, a configuration key) is said here.
            words.AddRange(type.Methods.Where(m => m.HasBody)
                .SelectMany(m => m.Body.Instructions)
                .Where(i => i.OpCode == OpCodes.Ldstr)
                .Select(i => (string)i.Operand));
            words.AddRange(type.Fields.Where(f => f.HasConstant && f.Constant is string).Select(f => (string)f.Constant));
        }

        var offending = words.Where(word => DomainWord().IsMatch(word)).Distinct().ToList();

        Assert.True(offending.Count == 0, $"{layer} says: {string.Join(" | ", offending)}");
    }

    [Fact]
    public void The_domain_word_check_catches_a_domain_word()
    {
        // The check above must be able to fail: the modules are full of these words.
        Assert.Matches(DomainWord(), "SkillMatrix.GraphQL");
        Assert.Matches(DomainWord(), "ProposalStatus");
        Assert.Matches(DomainWord(), "expert");
        Assert.DoesNotMatch(DomainWord(), "AddGraphQLServer");
    }

    // The product, the modules, and the nouns of career matrices. "Role" and "Member" are not here: a role claim and a
    // signed-in member are the platform's own words for authorization.
    [GeneratedRegex(@"SkillMatrix|Catalog|Community|Assessment|Proposal|Proficien|Expert|Skill|Grade|Career|Seed", RegexOptions.IgnoreCase)]
    private static partial Regex DomainWord();

    private static string Offenders(TestResult result) =>
        "Offending types: " + string.Join(", ", result.FailingTypeNames ?? []);
}
