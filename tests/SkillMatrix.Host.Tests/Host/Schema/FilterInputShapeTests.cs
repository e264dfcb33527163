using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;

namespace SkillMatrix.Host.Tests.Host.Schema;

/// <summary>
/// Every generated filter input of the real schema can test something, as HotChocolate's can: a type whose fields are
/// all non-filterable gets no filter input there, so an input holding only <c>and</c>/<c>or</c> (which combine tests
/// but make none) is a defect wherever it appears, as a <c>where</c> argument or as the field of another input.
/// </summary>
public sealed class FilterInputShapeTests(SeededHost fixture) : IClassFixture<SeededHost>
{
    private static readonly HashSet<string> Combinators = ["and", "or"];

    [Fact]
    public void No_filter_input_holds_only_and_and_or()
    {
        var schema = fixture.Host.Services.GetRequiredService<ISchema>();
        schema.Initialize();
        var filterInputs = schema.AllTypes.OfType<IInputObjectGraphType>()
            .Where(type => type.Fields.Any(f => Combinators.Contains(f.Name)))
            .ToList();

        var empty = filterInputs.Where(type => type.Fields.All(f => Combinators.Contains(f.Name))).Select(type => type.Name).ToList();

        Assert.Contains(filterInputs, type => type.Name == "SkillFilterInput"); // the rule reads the generated inputs
        Assert.True(empty.Count == 0, $"filter inputs that can test nothing: {string.Join(", ", empty)}");
    }

    [Fact]
    public void A_node_types_filter_and_sort_inputs_hold_its_id()
    {
        var schema = fixture.Host.Services.GetRequiredService<ISchema>();
        schema.Initialize();
        var nodes = schema.AllTypes.OfType<IObjectGraphType>().Where(type => type.ResolvedInterfaces.Any(i => i.Name == "Node")).Select(t => t.Name).ToList();

        var missing = new List<string>();
        foreach (var node in nodes)
        {
            foreach (var (suffix, idType) in new[] { ("FilterInput", "IdOperationFilterInput"), ("SortInput", "SortEnumType") })
            {
                if (schema.AllTypes[node + suffix] is IInputObjectGraphType input && input.GetField("id")?.ResolvedType?.Name != idType)
                {
                    missing.Add(node + suffix);
                }
            }
        }

        Assert.Contains("Skill", nodes);
        Assert.True(missing.Count == 0, $"inputs of Node types without `id`: {string.Join(", ", missing)}");
    }
}
