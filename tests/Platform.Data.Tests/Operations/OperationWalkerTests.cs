using GraphQL;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQLParser;
using GraphQLParser.AST;
using Platform.Data.Operations;

namespace Platform.Data.Tests.Operations;

/// <summary>The one walk over an operation: fragments once per scope, type conditions, @skip/@include, field definitions.</summary>
public sealed class OperationWalkerTests
{
    private static readonly ISchema ToySchema = BuildSchema();

    private static ISchema BuildSchema()
    {
        var pet = new InterfaceGraphType { Name = "Pet" };
        pet.Field<StringGraphType>("name");
        var dog = new ObjectGraphType { Name = "Dog" };
        dog.Field<StringGraphType>("name");
        dog.Field<BooleanGraphType>("barks");
        dog.AddResolvedInterface(pet);
        dog.IsTypeOf = _ => true;
        pet.ResolveType = _ => dog;
        var query = new ObjectGraphType { Name = "Query" };
        query.Field("pet", pet).Resolve(_ => new object());
        query.Field("dog", dog).Resolve(_ => new object());
        var schema = new GraphQL.Types.Schema { Query = query };
        schema.RegisterType(dog);
        schema.Initialize();
        return schema;
    }

    [Fact]
    public void Each_field_is_visited_with_its_parent_type_and_definition()
    {
        var visits = Walk("{ dog { name barks __typename } }");

        Assert.Equal(["Query.dog", "Dog.name", "Dog.barks", "Dog.__typename(none)"], visits);
    }

    [Fact]
    public void A_fragment_is_folded_once_per_scope_and_its_result_reused()
    {
        var walker = new FieldVisits(Parser.Parse("{ dog { ...Names ...Names } } fragment Names on Dog { name }"), included: null);

        var visits = walker.Run();

        Assert.Equal(["Query.dog", "Dog.name"], visits);
        Assert.Equal(3, walker.Count); // the fragment's count (1) is reused for its second spread
    }

    [Fact]
    public void Inline_fragments_and_fragments_fold_on_their_type_condition()
    {
        var visits = Walk("{ pet { name ... on Dog { barks } ...DogName } } fragment DogName on Dog { name }");

        Assert.Equal(["Query.pet", "Pet.name", "Dog.barks", "Dog.name"], visits);
    }

    [Fact]
    public void Skip_and_include_are_evaluated_with_the_variables_when_asked()
    {
        const string Query = "query Q($no: Boolean!) { dog { name @skip(if: true) barks @include(if: $no) } }";
        var document = Parser.Parse(Query);
        var variables = new Variables();
        variables.Add(new Variable("no", document.Definitions.OfType<GraphQLOperationDefinition>().Single().Variables!.Items[0]) { Value = false });

        Assert.Equal(["Query.dog"], new FieldVisits(document, node => Included(node, variables)).Run());
        Assert.Equal(["Query.dog", "Dog.name", "Dog.barks"], new FieldVisits(document, included: null).Run());
    }

    [Fact]
    public void A_fragment_cycle_folds_to_nothing_instead_of_looping()
    {
        var visits = Walk("{ dog { ...A } } fragment A on Dog { name ...B } fragment B on Dog { barks ...A }");

        Assert.Equal(["Query.dog", "Dog.name", "Dog.barks"], visits);
    }

    private static List<string> Walk(string query) => new FieldVisits(Parser.Parse(query), included: null).Run();

    // A stand-in for ValidationContext.ShouldIncludeNode: the same semantics, without a validation run.
    private static bool Included(ASTNode node, Variables variables)
    {
        if (node is not IHasDirectivesNode { Directives: { } directives })
        {
            return true;
        }

        foreach (var directive in directives.Items)
        {
            var value = directive.Arguments!.Items[0].Value switch
            {
                GraphQLBooleanValue literal => literal.BoolValue,
                GraphQLVariable variable => variables.Single(v => v.Name == variable.Name.StringValue).Value is true,
                _ => false,
            };
            if (directive.Name.StringValue == "skip" ? value : !value)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Records each field visit as Parent.field, and counts fields (the fold's result).</summary>
    private sealed class FieldVisits(GraphQLDocument document, Func<ASTNode, bool>? included) : OperationWalker<int, bool>(ToySchema, document, included)
    {
        private readonly GraphQLDocument document = document;
        private readonly List<string> visits = [];

        public int Count { get; private set; }

        protected override int Empty => 0;

        public List<string> Run()
        {
            var operation = document.Definitions.OfType<GraphQLOperationDefinition>().Single();
            Count = SelectionSet(RootType(operation), operation.SelectionSet, false);
            return visits;
        }

        protected override int Combine(int left, int right) => left + right;

        protected override int Field(IGraphType? parent, GraphQLField field, FieldType? definition, bool scope)
        {
            visits.Add($"{parent?.Name}.{field.Name.StringValue}{(definition is null ? "(none)" : "")}");
            return 1 + (field.SelectionSet is { } children && definition?.ResolvedType?.GetNamedType() is { } type ? SelectionSet(type, children, scope) : 0);
        }
    }
}
