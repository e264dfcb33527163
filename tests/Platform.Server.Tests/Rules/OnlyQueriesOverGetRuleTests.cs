using Microsoft.Extensions.DependencyInjection;
using Platform.Server.Http;
using Platform.Server.Tests.Limits;

namespace Platform.Server.Tests.Rules;

/// <summary>The rule the endpoint adds to GET requests, alone: only a query may run.</summary>
public sealed class OnlyQueriesOverGetRuleTests
{
    private static GraphQL.Types.ISchema Schema() => new LimitsToySchema(new ServiceCollection().BuildServiceProvider());

    [Fact]
    public async Task A_query_passes()
    {
        var result = await RuleValidation.ValidateAsync(Schema(), "{ hello }", OnlyQueriesOverGetRule.Instance);

        Assert.True(result.IsValid);
    }

    [Fact]
    public async Task A_mutation_is_METHOD_NOT_ALLOWED_at_the_operation()
    {
        var result = await RuleValidation.ValidateAsync(Schema(), "\nmutation Add { addBook(title: \"T\") { title } }", OnlyQueriesOverGetRule.Instance);

        var error = result.SingleError(GraphQLHttpErrorCodes.MethodNotAllowed);
        Assert.Equal("A mutation operation cannot be sent with GET; use POST.", error.Message);
        Assert.Equal((2, 1), error.Location());
        Assert.IsType<OperationNotAllowedOverGetError>(error);
    }

    [Fact]
    public async Task Only_the_selected_operation_counts()
    {
        const string Document = "query Read { hello } mutation Write { addBook(title: \"T\") { title } }";

        Assert.True((await RuleValidation.ValidateAsync(Schema(), Document, OnlyQueriesOverGetRule.Instance, operationName: "Read")).IsValid);
        Assert.False((await RuleValidation.ValidateAsync(Schema(), Document, OnlyQueriesOverGetRule.Instance, operationName: "Write")).IsValid);
    }
}
