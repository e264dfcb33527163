using GraphQL.Execution;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQLParser;
using GraphQLParser.AST;
using Platform.Server.Caching;

namespace Platform.Server.Tests.Caching;

/// <summary>
/// GraphQL.NET's validation less the walks no rule visits: the same answers as <see cref="DocumentValidator"/> with the
/// core rules, and rules that do their work when asked for visitors (as the cached-document ones do) still see the
/// parsed arguments and still refuse; a rule that does return a visitor still gets its walk.
/// </summary>
public sealed class VisitorlessWalkValidatorTests
{
    private static readonly ISchema Schema = GraphQL.Types.Schema.For("""
        type Query { books(first: Int, title: String): [Book!]! }
        type Book { title: String! pages: Int! }
        """);

    [Theory]
    [InlineData("query Q($n: Int) { books(first: $n) { title } }", """{"n": 3}""")]
    [InlineData("{ books(first: 2, title: \"x\") { title pages } }", "{}")]
    [InlineData("{ books { nope } }", "{}")] // a field the type lacks: refused by a core rule's walk
    [InlineData("query Q($n: Int) { books(first: $n) { title } }", """{"n": "many"}""")] // a variable of the wrong type
    [InlineData("{ books(first: \"two\") { title } }", "{}")] // an argument of the wrong type
    [InlineData("query Q($n: Int!) { books(first: $n) { title } }", "{}")] // a required variable not given
    public async Task With_the_core_rules_it_answers_as_graphql_net_does(string query, string variables)
    {
        var expected = await new DocumentValidator().ValidateAsync(Options(query, variables, DocumentValidator.CoreRules));
        var actual = await new VisitorlessWalkValidator().ValidateAsync(Options(query, variables, DocumentValidator.CoreRules));

        Assert.Equal(expected.IsValid, actual.IsValid);
        Assert.Equal(expected.Errors.Select(e => e.Message), actual.Errors.Select(e => e.Message));
        Assert.Equal(Describe(expected.ArgumentValues), Describe(actual.ArgumentValues));
        Assert.Equal(expected.Variables?.Select(v => (v.Name, v.Value)), actual.Variables?.Select(v => (v.Name, v.Value)));
    }

    [Fact]
    public async Task A_rule_without_visitors_sees_the_parsed_arguments_and_refuses()
    {
        var rule = new TooManyBooksRule();

        var small = await new VisitorlessWalkValidator().ValidateAsync(Options("query Q($n: Int) { books(first: $n) { title } }", """{"n": 3}""", [rule]));
        var large = await new VisitorlessWalkValidator().ValidateAsync(Options("query Q($n: Int) { books(first: $n) { title } }", """{"n": 50}""", [rule]));

        Assert.True(small.IsValid);
        Assert.Equal(3, small.ArgumentValues!.Values.Single()["first"].Value);
        var error = Assert.Single(large.Errors);
        Assert.Equal("50 books are too many.", error.Message);
    }

    [Fact]
    public async Task Rules_that_return_visitors_get_their_walks()
    {
        var rule = new CountingRule();

        var result = await new VisitorlessWalkValidator().ValidateAsync(Options("query Q($n: Int) { books(first: $n) { title pages } }", """{"n": 3}""", [rule]));

        Assert.True(result.IsValid);
        Assert.Equal(3, rule.PreFields); // books, title, pages
        Assert.Equal(3, rule.PostFields);
        Assert.Equal(["n"], rule.Variables);
    }

    private static ValidationOptions Options(string query, string variables, IEnumerable<IValidationRule> rules)
    {
        var document = Parser.Parse(query);
        return new ValidationOptions
        {
            Schema = Schema,
            Document = document,
            Operation = document.Definitions.OfType<GraphQLOperationDefinition>().Single(),
            Rules = rules,
            Variables = new GraphQL.SystemTextJson.GraphQLSerializer().Deserialize<GraphQL.Inputs>(variables) ?? GraphQL.Inputs.Empty,
            Extensions = GraphQL.Inputs.Empty,
            UserContext = new Dictionary<string, object?>(),
            Metrics = GraphQL.Instrumentation.Metrics.None,
        };
    }

    private static List<string> Describe(IReadOnlyDictionary<GraphQLField, IDictionary<string, ArgumentValue>>? values) =>
        values is null ? [] : [.. values.Select(f => $"{f.Key.Name}: {string.Join(", ", f.Value.Select(a => $"{a.Key}={a.Value.Value}"))}").Order()];

    /// <summary>Works when asked for its post-node visitor and returns none, as the request-dependent rules do.</summary>
    private sealed class TooManyBooksRule : IValidationRule
    {
        public ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context) => default;

        public ValueTask<IVariableVisitor?> GetVariableVisitorAsync(ValidationContext context) => default;

        public ValueTask<INodeVisitor?> GetPostNodeVisitorAsync(ValidationContext context)
        {
            foreach (var (field, arguments) in context.ArgumentValues ?? [])
            {
                if (arguments.TryGetValue("first", out var first) && first.Value is int n and > 10)
                {
                    context.ReportError(new ValidationError(context.Document.Source, "TOO_MANY", $"{n} books are too many.", field));
                }
            }

            return default;
        }
    }

    private sealed class CountingRule : IValidationRule, IVariableVisitor
    {
        public int PreFields { get; private set; }

        public int PostFields { get; private set; }

        public List<string> Variables { get; } = [];

        public ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context) =>
            new(new MatchingNodeVisitor<GraphQLField>((_, _) => PreFields++));

        public ValueTask<IVariableVisitor?> GetVariableVisitorAsync(ValidationContext context) => new(this);

        public ValueTask<INodeVisitor?> GetPostNodeVisitorAsync(ValidationContext context) =>
            new(new MatchingNodeVisitor<GraphQLField>((_, _) => PostFields++));

        public ValueTask VisitScalarAsync(ValidationContext context, GraphQLVariableDefinition variable, GraphQL.VariableName variableName, ScalarGraphType type, object? variableValue, object? parsedValue)
        {
            Variables.Add(variableName.Name);
            return default;
        }

        public ValueTask VisitListAsync(ValidationContext context, GraphQLVariableDefinition variable, GraphQL.VariableName variableName, ListGraphType type, object? variableValue, IList<object?>? parsedValue) => default;

        public ValueTask VisitObjectAsync(ValidationContext context, GraphQLVariableDefinition variable, GraphQL.VariableName variableName, IInputObjectGraphType type, object? variableValue, object? parsedValue) => default;

        public ValueTask VisitFieldAsync(ValidationContext context, GraphQLVariableDefinition variable, GraphQL.VariableName variableName, IInputObjectGraphType type, FieldType field, object? variableValue, object? parsedValue) => default;
    }
}
