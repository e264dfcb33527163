using Microsoft.Extensions.DependencyInjection;
using GraphQL;
using GraphQL.Types;

namespace Platform.Server.Tests.Http;

/// <summary>A small schema with one of everything the transport must handle: arguments, an ID, failures, a mutation.</summary>
internal sealed class ToySchema : GraphQL.Types.Schema
{
    public ToySchema(IServiceProvider services) : base(services)
    {
        var query = new ObjectGraphType { Name = "Query" };
        query.Field<StringGraphType>("hello")
            .Argument<StringGraphType>("name")
            .Resolve(context => $"Hello, {context.GetArgument<string?>("name") ?? "world"}!");
        query.Field<StringGraphType>("item")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Resolve(context => $"item {context.GetArgument<string>("id")}");
        query.Field<StringGraphType>("fail")
            .Resolve(_ => throw new InvalidOperationException("secret internal detail"));
        // Shows what an IConfigureExecution from DI put into the user context.
        query.Field<StringGraphType>("greeting")
            .Resolve(context => context.UserContext.TryGetValue("greeting", out var greeting) ? greeting as string : null);
        query.AddNeverEndingField("waitForCancel");
        Query = query;

        var mutation = new ObjectGraphType { Name = "Mutation" };
        mutation.Field<StringGraphType>("echo")
            .Argument<NonNullGraphType<StringGraphType>>("text")
            .Resolve(context => context.GetArgument<string>("text"));
        Mutation = mutation;
    }
}
