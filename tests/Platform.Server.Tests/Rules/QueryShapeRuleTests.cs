using GraphQL;
using Microsoft.Extensions.DependencyInjection;
using Platform.Server.Limits;
using Platform.Server.Tests.Limits;

namespace Platform.Server.Tests.Rules;

/// <summary>The shape rule alone, on the limits' toy schema: depth, aliases, directives and introspection.</summary>
public sealed class QueryShapeRuleTests
{
    private static Task<GraphQL.Validation.IValidationResult> ValidateAsync(string query, Action<GraphQLLimitsOptions>? configure = null)
    {
        var limits = new GraphQLLimitsOptions();
        configure?.Invoke(limits);
        var schema = new LimitsToySchema(new ServiceCollection().BuildServiceProvider());
        return RuleValidation.ValidateAsync(schema, query, new QueryShapeRule(new FixedOptions<GraphQLLimitsOptions>(limits)));
    }

    [Fact]
    public async Task A_document_within_every_limit_passes()
    {
        var result = await ValidateAsync("{ authors { name books { title } } }");

        Assert.True(result.IsValid);
    }

    [Fact]
    public async Task Depth_past_the_limit_is_DEPTH_EXCEEDED_on_the_operation_with_both_figures()
    {
        var result = await ValidateAsync("query Deep { authors { books { author { name } } } }", o => o.MaxDepth = 3);

        var error = result.SingleError(LimitErrorCodes.DepthExceeded);
        Assert.Equal("The operation is 4 levels deep; at most 3 are allowed.", error.Message);
        Assert.Equal((1, 1), error.Location());
        Assert.Equal(4, error.Extensions!["depth"]);
        Assert.Equal(3, error.Extensions["maxDepth"]);
    }

    [Fact]
    public async Task Depth_counts_fragments_where_they_are_spread_and_skipped_fields_too()
    {
        const string Query = """
            { authors { ...Deep } }
            fragment Deep on Author { books { author @skip(if: true) { name } } }
            """;

        var result = await ValidateAsync(Query, o => o.MaxDepth = 3);

        Assert.Equal(4, result.SingleError(LimitErrorCodes.DepthExceeded).Extensions!["depth"]);
    }

    [Fact]
    public async Task Aliases_in_a_fragment_count_once_however_often_it_is_spread()
    {
        const string Query = """
            { a: authors { ...Named } b: authors { ...Named } }
            fragment Named on Author { first: name second: name }
            """;

        Assert.True((await ValidateAsync(Query, o => o.MaxAliases = 4)).IsValid);
        var error = (await ValidateAsync(Query, o => o.MaxAliases = 3)).SingleError(LimitErrorCodes.AliasesExceeded);
        Assert.Equal(4, error.Extensions!["aliases"]);
    }

    [Fact]
    public async Task Directives_count_on_fields_inline_fragments_spreads_and_fragment_fields()
    {
        const string Query = """
            query Q($yes: Boolean = true) {
              authors @include(if: $yes) { ...Named @include(if: true) ... on Author @skip(if: false) { name } }
            }
            fragment Named on Author { name @include(if: true) }
            """;

        var error = (await ValidateAsync(Query, o => o.MaxDirectives = 3)).SingleError(LimitErrorCodes.DirectivesExceeded);

        Assert.Equal(4, error.Extensions!["directives"]);
    }

    [Fact]
    public async Task Introspection_switched_off_is_INTROSPECTION_DISABLED_once_at_the_field()
    {
        var result = await ValidateAsync("{ __schema { queryType { name } } __type(name: \"Author\") { name } }", o => o.Introspection = false);

        var error = result.SingleError(LimitErrorCodes.IntrospectionDisabled);
        Assert.Equal("Introspection is disabled on this server.", error.Message);
        Assert.Equal((1, 3), error.Location());
    }

    [Fact]
    public async Task Typename_is_not_introspection()
    {
        Assert.True((await ValidateAsync("{ __typename authors { __typename } }", o => o.Introspection = false)).IsValid);
    }

    [Fact]
    public async Task An_introspection_field_repeating_along_a_path_is_DEPTH_EXCEEDED()
    {
        var result = await ValidateAsync("{ __schema { types { fields { type { fields { name } } } } } }");

        var error = result.SingleError(LimitErrorCodes.DepthExceeded);
        Assert.StartsWith("An introspection field may not repeat along a path", error.Message, StringComparison.Ordinal);
        Assert.Equal((1, 3), error.Location());
    }

    [Fact]
    public async Task OfType_may_repeat_up_to_its_limit()
    {
        const string Query = "{ __type(name: \"Author\") { ofType { ofType { ofType { name } } } } }";

        Assert.True((await ValidateAsync(Query, o => o.MaxIntrospectionOfTypeDepth = 3)).IsValid);
        (await ValidateAsync(Query, o => o.MaxIntrospectionOfTypeDepth = 2)).SingleError(LimitErrorCodes.DepthExceeded);
    }
}
