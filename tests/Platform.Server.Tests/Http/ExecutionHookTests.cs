using System.Net;
using GraphQL;
using GraphQL.Execution;
using GraphQL.Validation;
using GraphQLParser.AST;
using Microsoft.Extensions.DependencyInjection;
using Platform.Server.Http;
using static Platform.Tests.Shared.GraphQLHttp;

namespace Platform.Server.Tests.Http;

/// <summary>
/// Per-request execution settings come from GraphQL.NET's IConfigureExecution registrations in DI; the endpoint's
/// own rules (queries only over GET) survive them.
/// </summary>
public sealed class ExecutionHookTests
{
    [Fact]
    public async Task Configure_execution_from_di_reaches_the_resolvers()
    {
        await using var server = await ToyServer.Create().WithServices(services => services.AddGraphQL(b => b.ConfigureExecutionOptions(o => o.UserContext["greeting"] = "from DI"))).StartAsync();

        var reply = await server.Client.ExchangeAsync(PostQuery("{ greeting }"));

        reply.AssertIs(HttpStatusCode.OK);
        Assert.Equal("from DI", reply.Json.GetProperty("data").GetProperty("greeting").GetString());
    }

    [Fact]
    public async Task Validation_rules_added_through_di_apply_and_get_still_refuses_mutations()
    {
        await using var server = await ToyServer.Create().WithServices(services => services.AddGraphQL(b => b.AddValidationRule<NoGreetingRule>())).StartAsync();

        var refused = await server.Client.ExchangeAsync(PostQuery("{ greeting }"));
        var mutationOverGet = await server.Client.ExchangeAsync(Get("query=" + Encode("mutation { echo(text: \"x\") }")));

        refused.AssertIs(HttpStatusCode.BadRequest).AssertRequestError("NO_GREETING");
        mutationOverGet.AssertIs(HttpStatusCode.MethodNotAllowed).AssertRequestError("METHOD_NOT_ALLOWED");
    }

    [Fact]
    public async Task A_failure_outside_the_resolvers_is_500_without_details()
    {
        await using var server = await ToyServer.Create().WithServices(services => services.AddGraphQL(b => b.ConfigureExecutionOptions(_ => throw new InvalidOperationException("secret internal detail")))).StartAsync();

        var reply = await server.Client.ExchangeAsync(PostQuery("{ hello }", accept: Json));

        Assert.True(reply.Status == HttpStatusCode.InternalServerError, reply.ToString());
        Assert.NotEmpty(reply.ErrorCodes);
        Assert.DoesNotContain("secret internal detail", reply.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unexecuted_result_with_a_server_error_is_500_for_both_media_types()
    {
        var result = new ExecutionResult { Errors = [new UnhandledError("Unexpected", new InvalidOperationException())] };

        Assert.Equal(500, GraphQLHttpHandler.StatusCodeFor(result, ResponseFormat.GraphQLResponseJson));
        Assert.Equal(500, GraphQLHttpHandler.StatusCodeFor(result, ResponseFormat.Json));
    }

    private sealed class NoGreetingRule : IValidationRule
    {
        public ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context) =>
            new(new MatchingNodeVisitor<GraphQLField>((field, ctx) =>
            {
                if (field.Name.Value == "greeting")
                {
                    ctx.ReportError(new ValidationError(ctx.Document.Source, null, "No greetings here.", field) { Code = "NO_GREETING" });
                }
            }));

        public ValueTask<IVariableVisitor?> GetVariableVisitorAsync(ValidationContext context) => default;

        public ValueTask<INodeVisitor?> GetPostNodeVisitorAsync(ValidationContext context) => default;
    }
}
