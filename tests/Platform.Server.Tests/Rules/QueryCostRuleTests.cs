using GraphQL;
using Microsoft.Extensions.DependencyInjection;
using Platform.Server.Limits;
using Platform.Server.Tests.Limits;

namespace Platform.Server.Tests.Rules;

/// <summary>The cost rule alone, on the limits' toy schema: the figures of the model and the refusal past the maximum.</summary>
public sealed class QueryCostRuleTests
{
    private static async Task<(GraphQL.Validation.IValidationResult Result, long? Cost)> ValidateAsync(string query, Action<GraphQLLimitsOptions>? configure = null,
        Inputs? variables = null)
    {
        var limits = new GraphQLLimitsOptions();
        limits.Cost.MaxQueryCost = int.MaxValue;
        configure?.Invoke(limits);
        var schema = new LimitsToySchema(new ServiceCollection().BuildServiceProvider());
        var userContext = new Dictionary<string, object?>();
        var result = await RuleValidation.ValidateAsync(schema, query, new QueryCostRule(new FixedOptions<GraphQLLimitsOptions>(limits)),
            variables, userContext: userContext);
        return (result, userContext.TryGetValue(QueryCostRule.CostUserContextKey, out var cost) ? (long?)cost : null);
    }

    // The figures of the model are pinned over HTTP (QueryCostTests); here, where the rule leaves them.
    [Fact]
    public async Task The_cost_is_left_in_the_user_context_for_the_telemetry()
    {
        var (result, cost) = await ValidateAsync("{ authors { books { title } } }");

        Assert.True(result.IsValid);
        Assert.Equal(2550, cost);
    }

    [Fact]
    public async Task A_fragment_costs_each_time_it_is_spread_and_skipped_selections_cost_nothing()
    {
        const string Query = """
            query Q($skip: Boolean!) { a: authors { ...Books } b: authors { ...Books } c: authors @skip(if: $skip) { name } }
            fragment Books on Author { books { title } }
            """;

        var (_, skipped) = await ValidateAsync(Query, variables: new Inputs(new Dictionary<string, object?> { ["skip"] = true }));
        var (_, included) = await ValidateAsync(Query, variables: new Inputs(new Dictionary<string, object?> { ["skip"] = false }));

        Assert.Equal(2 * 2550, skipped);
        Assert.Equal(2 * 2550 + 50, included);
    }

    [Fact]
    public async Task Past_the_maximum_is_COST_EXCEEDED_on_the_operation_with_both_figures()
    {
        var (result, _) = await ValidateAsync("query Costly { authors { books { title } } }", o => o.Cost.MaxQueryCost = 2549);

        var error = result.SingleError(LimitErrorCodes.CostExceeded);
        Assert.StartsWith("The operation's estimated cost is 2550; at most 2549 is allowed.", error.Message, StringComparison.Ordinal);
        Assert.Equal((1, 1), error.Location());
        Assert.Equal(2550L, error.Extensions!["requestedQueryCost"]);
        Assert.Equal(2549, error.Extensions["maxQueryCost"]);
    }
}
