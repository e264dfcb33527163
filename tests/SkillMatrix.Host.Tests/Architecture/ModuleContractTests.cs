using System.Reflection;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace SkillMatrix.Host.Tests.Architecture;

/// <summary>
/// A module reaches another module's GraphQL types only through that module's contract (Catalog.Contracts'
/// <c>RoleField</c>, <c>ProficiencyField</c>, <c>RoleTypeExtension</c>, ...), never by naming them in a string: a
/// <c>GraphQLTypeReference</c> or a <c>TypeExtension</c> by name compiles whatever the other module renames, and breaks
/// only when the schema is built. Checked on the compiled IL, where a constant name is a plain <c>ldstr</c>.
/// </summary>
public sealed class ModuleContractTests(SeededHost fixture) : IClassFixture<SeededHost>
{
    private static readonly Assembly[] ModuleAssemblies =
    [
        typeof(SkillMatrix.Catalog.CatalogModule).Assembly,
        typeof(SkillMatrix.Community.CommunityModule).Assembly,
        typeof(SkillMatrix.Assessment.AssessmentModule).Assembly,
        typeof(SkillMatrix.Export.ExportModule).Assembly,
    ];

    // The constructors that take a graph type's name.
    private static readonly string[] ByName = ["GraphQL.Types.GraphQLTypeReference", "Platform.Data.Schema.TypeExtension"];

    public static TheoryData<string> Modules => ["SkillMatrix.Catalog", "SkillMatrix.Community", "SkillMatrix.Assessment", "SkillMatrix.Export"];

    [Theory]
    [MemberData(nameof(Modules))]
    public void A_module_names_no_graph_type_of_another_module(string module)
    {
        var owners = GraphTypeOwners();
        var offences = NamesUsedIn(ModuleAssemblies.Single(a => a.GetName().Name == module))
            .Where(use => use.Name is null || (owners.TryGetValue(use.Name, out var owner) && owner != module))
            .Select(use => use.Name is null
                ? $"{use.Method} names a graph type it computes; only a literal of its own module's type can be checked"
                : $"{use.Method} names {owners[use.Name]}'s '{use.Name}'")
            .ToList();

        Assert.True(owners.GetValueOrDefault("Role") == "SkillMatrix.Catalog", "The schema should hold the Catalog's Role type.");
        Assert.True(offences.Count == 0, "Use the owning module's contract instead: " + string.Join("; ", offences));
    }

    // Every graph type of the schema that a module defines, by name, with the module's assembly name.
    private Dictionary<string, string> GraphTypeOwners()
    {
        var schema = fixture.Host.Services.GetRequiredService<ISchema>();
        schema.Initialize();
        var modules = ModuleAssemblies.Select(a => a.GetName().Name!).ToHashSet();
        return schema.AllTypes
            .Where(type => modules.Contains(type.GetType().Assembly.GetName().Name!))
            .ToDictionary(type => type.Name, type => type.GetType().Assembly.GetName().Name!);
    }

    // The name passed to each constructor that takes a graph type's name; null where it is not a literal.
    private static IEnumerable<(string Method, string? Name)> NamesUsedIn(Assembly assembly)
    {
        using var definition = AssemblyDefinition.ReadAssembly(assembly.Location);
        var uses = new List<(string, string?)>();
        foreach (var method in definition.MainModule.GetTypes().SelectMany(t => t.Methods).Where(m => m.HasBody))
        {
            foreach (var instruction in method.Body.Instructions)
            {
                if (instruction.OpCode.Code is Code.Newobj or Code.Call
                    && instruction.Operand is MethodReference { Name: ".ctor" } constructor
                    && ByName.Contains(constructor.DeclaringType.FullName))
                {
                    uses.Add((method.FullName, instruction.Previous is { OpCode.Code: Code.Ldstr } literal ? (string)literal.Operand : null));
                }
            }
        }

        return uses;
    }
}
