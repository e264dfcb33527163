using GraphQL;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Platform.Server.Security;
using Platform.Server.Tests.Security;

namespace Platform.Server.Tests.Rules;

/// <summary>The authorization rule alone, through the document validator: codes, messages and where they point.</summary>
public sealed class FieldAuthorizationRuleValidationTests
{
    private static Task<GraphQL.Validation.IValidationResult> ValidateAsync(string query, System.Security.Claims.ClaimsPrincipal? user = null, Inputs? variables = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<ResolverCounter>();
        services.AddAuthorizationBuilder().AddPolicy(AuthorizationToySchema.BadgePolicy, policy => policy.RequireClaim("badge"));
        var provider = services.BuildServiceProvider();
        return RuleValidation.ValidateAsync(new AuthorizationToySchema(provider, provider.GetRequiredService<ResolverCounter>()), query, new FieldAuthorizationRule(), variables, provider, user);
    }

    [Fact]
    public async Task Anonymous_is_AUTH_NOT_AUTHENTICATED_at_the_field()
    {
        var result = await ValidateAsync("{\n  open\n  secret\n}");

        var error = result.SingleError(AuthorizationErrorCodes.NotAuthenticated);
        Assert.Equal("You must be signed in to access field 'Query.secret'.", error.Message);
        Assert.Equal((3, 3), error.Location());
        Assert.IsType<AuthorizationError>(error);
    }

    [Fact]
    public async Task The_wrong_role_is_AUTH_NOT_AUTHORIZED()
    {
        var result = await ValidateAsync("{ expertOnly }", Users.Member());

        result.SingleError(AuthorizationErrorCodes.NotAuthorized);
    }

    [Fact]
    public async Task A_selection_skipped_by_a_variable_is_not_checked()
    {
        const string Query = "query Q($skip: Boolean!) { open secret @skip(if: $skip) }";

        Assert.True((await ValidateAsync(Query, variables: new Inputs(new Dictionary<string, object?> { ["skip"] = true }))).IsValid);
        Assert.False((await ValidateAsync(Query, variables: new Inputs(new Dictionary<string, object?> { ["skip"] = false }))).IsValid);
    }

    [Fact]
    public async Task A_fragment_spread_twice_is_reported_once()
    {
        const string Query = "{ ...Secret ...Secret } fragment Secret on Query { secret }";

        (await ValidateAsync(Query)).SingleError(AuthorizationErrorCodes.NotAuthenticated);
    }
}
