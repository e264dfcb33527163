using System.Security.Claims;
using GraphQL;
using GraphQL.Types;
using GraphQL.Validation;
using Microsoft.Extensions.DependencyInjection;
using Platform.Server.Security;

namespace Platform.Server.Tests.Security;

/// <summary>
/// A toy schema with authorization metadata on each kind of element the rule checks: fields, object types (the
/// Mutation root type among them), arguments, input object fields, enum values, roles and a policy.
/// </summary>
internal sealed class AuthorizationToySchema : GraphQL.Types.Schema
{
    public const string BadgePolicy = "HasBadge";

    public AuthorizationToySchema(IServiceProvider services, ResolverCounter counter) : base(services)
    {
        var account = new ObjectGraphType { Name = "Account" };
        account.Authorize();
        account.Field<StringGraphType>("name").AllowAnonymous().Resolve(_ => counter.Hit("Ada"));
        account.Field<IntGraphType>("balance").Resolve(_ => counter.Hit(100));
        account.Field<StringGraphType>("auditTrail").AuthorizeWithRoles(ToyRoles.Expert).Resolve(_ => counter.Hit("trail"));

        var filter = new InputObjectGraphType { Name = "FilterInput" };
        filter.Field<StringGraphType>("text");
        filter.Field<BooleanGraphType>("includeHidden").AuthorizeWithRoles(ToyRoles.Expert);

        var mode = new EnumerationGraphType { Name = "Mode" };
        mode.Add("NORMAL", "NORMAL");
        mode.Add(new EnumValueDefinition("AUDIT", "AUDIT").Authorize());

        var query = new ObjectGraphType { Name = "Query" };
        query.Field<StringGraphType>("open").Resolve(_ => counter.Hit("open"));
        query.Field<StringGraphType>("secret").Authorize().Resolve(_ => counter.Hit("secret"));
        query.Field<StringGraphType>("expertOnly").AuthorizeWithRoles(ToyRoles.Expert).Resolve(_ => counter.Hit("expert"));
        query.Field<StringGraphType>("expertOrAdmin").AuthorizeWithRoles(ToyRoles.Expert, "admin").Resolve(_ => counter.Hit("either"));
        query.Field<StringGraphType>("badged").AuthorizeWithPolicy(BadgePolicy).Resolve(_ => counter.Hit("badged"));
        query.Field("account", account).Resolve(_ => counter.Hit(new object()));
        query.Field<StringGraphType>("search")
            .Argument<StringGraphType>("text")
            .Argument<StringGraphType>("internalNote", configure: a => a.Authorize())
            .Argument(filter, "filter")
            .Argument(new ListGraphType(new NonNullGraphType(filter)), "filters")
            .Argument(mode, "mode")
            .Resolve(_ => counter.Hit("found"));

        var mutation = new ObjectGraphType { Name = "Mutation" };
        mutation.Authorize();
        mutation.Field<StringGraphType>("change").Resolve(_ => counter.Hit("changed"));
        mutation.Field<StringGraphType>("ping").AllowAnonymous().Resolve(_ => counter.Hit("pong"));

        Query = query;
        Mutation = mutation;
    }
}

/// <summary>Counts resolver calls: a refused request must run none.</summary>
internal sealed class ResolverCounter
{
    private int calls;

    public int Calls => calls;

    public T Hit<T>(T value)
    {
        Interlocked.Increment(ref calls);
        return value;
    }
}

/// <summary>Runs documents against the toy schema as a given user, with the rule registered as the Host registers it.</summary>
internal sealed class AuthorizationToyExecutor : IAsyncDisposable
{
    private readonly ServiceProvider provider;

    public AuthorizationToyExecutor()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<ResolverCounter>();
        services.AddAuthorizationBuilder().AddPolicy(AuthorizationToySchema.BadgePolicy, policy => policy.RequireClaim("badge"));
        services.AddGraphQL(graphql => graphql.AddSchema<AuthorizationToySchema>().AddSystemTextJson()
            .AddValidationRule<FieldAuthorizationRule>(useForCachedDocuments: true));
        provider = services.BuildServiceProvider();
    }

    public ResolverCounter Counter => provider.GetRequiredService<ResolverCounter>();

    public async Task<ExecutionResult> RunAsync(string query, ClaimsPrincipal? user = null, string? variablesJson = null, string? operationName = null)
    {
        using var scope = provider.CreateScope();
        var serializer = scope.ServiceProvider.GetRequiredService<IGraphQLTextSerializer>();
        return await scope.ServiceProvider.GetRequiredService<IDocumentExecuter<AuthorizationToySchema>>().ExecuteAsync(new ExecutionOptions
        {
            Query = query,
            OperationName = operationName,
            Variables = variablesJson is null ? null : serializer.Deserialize<Inputs>(variablesJson),
            User = user ?? new ClaimsPrincipal(new ClaimsIdentity()),
            RequestServices = scope.ServiceProvider,
        });
    }

    public ValueTask DisposeAsync() => provider.DisposeAsync();
}

internal static class Users
{
    public static ClaimsPrincipal Anonymous => new(new ClaimsIdentity());

    public static ClaimsPrincipal Member(params Claim[] extra) => SignedIn([Roles.Member], extra);

    public static ClaimsPrincipal Expert => SignedIn([Roles.Member, ToyRoles.Expert], []);

    private static ClaimsPrincipal SignedIn(string[] roles, Claim[] extra) =>
        new(new ClaimsIdentity(
            [new Claim("sub", "m1"), new Claim("name", "Member One"), .. roles.Select(r => new Claim("role", r)), .. extra],
            authenticationType: "Test", nameType: "name", roleType: "role"));
}

internal static class ResultAssertions
{
    public static IReadOnlyList<string?> Codes(this ExecutionResult result) => result.Errors?.Select(e => e.Code).ToList() ?? [];

    public static void AssertAllowed(this ExecutionResult result)
    {
        Assert.True(result.Errors is null || result.Errors.Count == 0, string.Join("; ", result.Errors?.Select(e => $"{e.Code}: {e.Message}") ?? []));
        Assert.True(result.Executed);
    }

    public static AuthorizationError AssertRefused(this ExecutionResult result, string code)
    {
        Assert.False(result.Executed, "A refused request must not execute.");
        var error = Assert.Single(result.Errors ?? []);
        Assert.Equal(code, error.Code);
        Assert.IsType<ValidationError>(error, exactMatch: false);
        return Assert.IsType<AuthorizationError>(error);
    }
}

/// <summary>A role the toy schema asks for, as a module would define its own.</summary>
internal static class ToyRoles
{
    public const string Expert = "expert";
}
