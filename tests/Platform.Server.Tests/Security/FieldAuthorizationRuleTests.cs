using System.Security.Claims;
using Platform.Server.Security;

namespace Platform.Server.Tests.Security;

/// <summary>
/// The authorization validation rule on a toy schema: what needs sign-in, a role or a policy is refused before any
/// resolver runs, with AUTH_NOT_AUTHENTICATED for nobody and AUTH_NOT_AUTHORIZED for the wrong somebody, following the
/// operation as it would run (skip/include, fragments, the selected operation only).
/// </summary>
public sealed class FieldAuthorizationRuleTests : IAsyncLifetime
{
    private const string NotAuthenticated = AuthorizationErrorCodes.NotAuthenticated;
    private const string NotAuthorized = AuthorizationErrorCodes.NotAuthorized;

    private readonly AuthorizationToyExecutor executor = new();

    [Fact]
    public async Task A_field_without_metadata_is_open_to_anyone()
    {
        (await executor.RunAsync("{ open }")).AssertAllowed();
    }

    [Fact]
    public async Task A_field_that_needs_sign_in_is_refused_to_anonymous_and_nothing_executes()
    {
        var result = await executor.RunAsync("{ open secret }");

        var error = result.AssertRefused(NotAuthenticated);
        Assert.Contains("field 'Query.secret'", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, error.Locations![0].Line);
        Assert.Equal(0, executor.Counter.Calls);
        Assert.Null(result.Data);
    }

    [Fact]
    public async Task A_field_that_needs_sign_in_answers_a_signed_in_user()
    {
        (await executor.RunAsync("{ secret }", Users.Member())).AssertAllowed();
    }

    [Fact]
    public async Task A_field_selected_twice_is_reported_once()
    {
        var result = await executor.RunAsync("{ a: secret b: secret }");

        result.AssertRefused(NotAuthenticated);
    }

    [Fact]
    public async Task A_role_field_is_refused_to_anonymous_as_not_authenticated_and_to_a_member_as_not_authorized()
    {
        (await executor.RunAsync("{ expertOnly }")).AssertRefused(NotAuthenticated);
        var member = (await executor.RunAsync("{ expertOnly }", Users.Member())).AssertRefused(NotAuthorized);
        Assert.Contains("'expert'", member.Message, StringComparison.Ordinal);
        (await executor.RunAsync("{ expertOnly }", Users.Expert)).AssertAllowed();
    }

    [Fact]
    public async Task Listed_roles_are_alternatives()
    {
        var admin = new ClaimsPrincipal(new ClaimsIdentity([new Claim("role", "admin")], "Test", "name", "role"));

        (await executor.RunAsync("{ expertOrAdmin }", admin)).AssertAllowed();
        (await executor.RunAsync("{ expertOrAdmin }", Users.Expert)).AssertAllowed();
        (await executor.RunAsync("{ expertOrAdmin }", Users.Member())).AssertRefused(NotAuthorized);
    }

    [Fact]
    public async Task A_policy_field_asks_the_authorization_service()
    {
        (await executor.RunAsync("{ badged }")).AssertRefused(NotAuthenticated);
        var refused = (await executor.RunAsync("{ badged }", Users.Member())).AssertRefused(NotAuthorized);
        Assert.Contains(AuthorizationToySchema.BadgePolicy, refused.Message, StringComparison.Ordinal);
        (await executor.RunAsync("{ badged }", Users.Member(new Claim("badge", "gold")))).AssertAllowed();
    }

    [Fact]
    public async Task A_type_that_needs_sign_in_refuses_its_fields_but_not_those_allowing_anonymous_access()
    {
        (await executor.RunAsync("{ account { name } }")).AssertAllowed();
        var refused = (await executor.RunAsync("{ account { name balance } }")).AssertRefused(NotAuthenticated);
        Assert.Contains("type 'Account'", refused.Message, StringComparison.Ordinal);
        (await executor.RunAsync("{ account { name balance } }", Users.Member())).AssertAllowed();
    }

    [Fact]
    public async Task A_field_of_a_type_is_checked_on_its_own_too()
    {
        (await executor.RunAsync("{ account { auditTrail } }", Users.Member())).AssertRefused(NotAuthorized);
        (await executor.RunAsync("{ account { auditTrail } }", Users.Expert)).AssertAllowed();
    }

    [Fact]
    public async Task A_mutation_root_type_that_needs_sign_in_refuses_its_fields_to_anonymous()
    {
        var refused = (await executor.RunAsync("mutation { change }")).AssertRefused(NotAuthenticated);
        Assert.Contains("type 'Mutation'", refused.Message, StringComparison.Ordinal);
        (await executor.RunAsync("mutation { change }", Users.Member())).AssertAllowed();
    }

    [Fact]
    public async Task A_mutation_field_allowing_anonymous_access_is_open_despite_its_root_type()
    {
        (await executor.RunAsync("mutation { ping }")).AssertAllowed();
        (await executor.RunAsync("mutation { ping change }")).AssertRefused(NotAuthenticated);
    }

    [Theory]
    [InlineData("{ open secret @skip(if: true) }")]
    [InlineData("{ open secret @include(if: false) }")]
    [InlineData("{ open ... @skip(if: true) { secret } }")]
    [InlineData("{ open ...Secret @include(if: false) } fragment Secret on Query { secret }")]
    [InlineData("{ account @skip(if: true) { balance } open }")]
    public async Task A_skipped_selection_is_not_checked(string query)
    {
        (await executor.RunAsync(query)).AssertAllowed();
    }

    [Theory]
    [InlineData("{ open secret @skip(if: false) }")]
    [InlineData("{ open secret @include(if: true) }")]
    [InlineData("{ open secret @skip(if: false) @include(if: true) }")]
    public async Task An_included_selection_is_checked(string query)
    {
        (await executor.RunAsync(query)).AssertRefused(NotAuthenticated);
    }

    [Fact]
    public async Task Skip_and_include_follow_the_variables()
    {
        const string query = "query Q($show: Boolean!) { open secret @include(if: $show) }";

        (await executor.RunAsync(query, variablesJson: """{"show":false}""")).AssertAllowed();
        (await executor.RunAsync(query, variablesJson: """{"show":true}""")).AssertRefused(NotAuthenticated);
    }

    [Theory]
    [InlineData("{ ...Secret } fragment Secret on Query { secret }")]
    [InlineData("{ ... on Query { secret } }")]
    [InlineData("{ ... { ... on Query { secret } } }")]
    [InlineData("{ account { ...Money } } fragment Money on Account { balance }")]
    [InlineData("{ ...Outer } fragment Outer on Query { ...Inner } fragment Inner on Query { account { balance } }")]
    public async Task Fragments_are_checked_where_they_are_spread(string query)
    {
        (await executor.RunAsync(query)).AssertRefused(NotAuthenticated);
    }

    [Fact]
    public async Task A_fragment_of_anonymous_fields_on_a_protected_type_is_allowed()
    {
        (await executor.RunAsync("{ account { ...Name } } fragment Name on Account { name }")).AssertAllowed();
    }

    [Fact]
    public async Task Only_the_selected_operation_is_checked()
    {
        const string document = "query Open { open } query Secret { secret }";

        (await executor.RunAsync(document, operationName: "Open")).AssertAllowed();
        (await executor.RunAsync(document, operationName: "Secret")).AssertRefused(NotAuthenticated);
    }

    [Fact]
    public async Task An_argument_that_needs_sign_in_is_checked_only_when_given()
    {
        (await executor.RunAsync("""{ search(text: "x") }""")).AssertAllowed();
        var refused = (await executor.RunAsync("""{ search(internalNote: "x") }""")).AssertRefused(NotAuthenticated);
        Assert.Contains("argument 'Query.search(internalNote:)'", refused.Message, StringComparison.Ordinal);
        (await executor.RunAsync("""{ search(internalNote: "x") }""", Users.Member())).AssertAllowed();
    }

    [Fact]
    public async Task An_argument_given_through_a_variable_is_checked()
    {
        (await executor.RunAsync("query Q($note: String) { search(internalNote: $note) }", variablesJson: """{"note":"x"}"""))
            .AssertRefused(NotAuthenticated);
    }

    [Theory]
    [InlineData("""{ search(filter: { includeHidden: true }) }""", null)]
    [InlineData("""{ search(filters: [{ text: "a" }, { includeHidden: true }]) }""", null)]
    [InlineData("""{ search(filters: { includeHidden: true }) }""", null)]
    [InlineData("""query Q($f: FilterInput) { search(filter: $f) }""", """{"f":{"includeHidden":true}}""")]
    [InlineData("""query Q($f: [FilterInput!]) { search(filters: $f) }""", """{"f":[{"text":"a"},{"includeHidden":false}]}""")]
    [InlineData("""query Q($f: FilterInput = { includeHidden: true }) { search(filter: $f) }""", null)]
    [InlineData("""query Q($hidden: Boolean) { search(filter: { includeHidden: $hidden }) }""", """{"hidden":true}""")]
    public async Task An_input_field_that_needs_a_role_is_checked_when_given(string query, string? variables)
    {
        (await executor.RunAsync(query, Users.Member(), variables)).AssertRefused(NotAuthorized);
        (await executor.RunAsync(query, Users.Expert, variables)).AssertAllowed();
    }

    [Theory]
    [InlineData("""{ search(filter: { text: "a" }) }""", null)]
    [InlineData("""query Q($f: FilterInput) { search(filter: $f) }""", """{"f":{"text":"a"}}""")]
    [InlineData("""query Q($f: FilterInput) { search(filter: $f) }""", null)]
    public async Task Input_fields_not_given_are_not_checked(string query, string? variables)
    {
        (await executor.RunAsync(query, Users.Member(), variables)).AssertAllowed();
    }

    [Theory]
    [InlineData("{ search(mode: AUDIT) }", null)]
    [InlineData("query Q($m: Mode) { search(mode: $m) }", """{"m":"AUDIT"}""")]
    public async Task An_enum_value_that_needs_sign_in_is_checked_when_given(string query, string? variables)
    {
        (await executor.RunAsync(query, variablesJson: variables)).AssertRefused(NotAuthenticated);
        (await executor.RunAsync("{ search(mode: NORMAL) }")).AssertAllowed();
    }

    [Fact]
    public async Task Introspection_needs_no_sign_in()
    {
        (await executor.RunAsync("{ __typename __schema { queryType { name } } account { __typename } }")).AssertAllowed();
    }

    [Fact]
    public async Task A_document_with_other_errors_reports_those_and_no_authorization_error()
    {
        var result = await executor.RunAsync("{ secret noSuchField }");

        Assert.False(result.Executed);
        Assert.DoesNotContain(result.Errors!, e => e is AuthorizationError);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await executor.DisposeAsync();
}
