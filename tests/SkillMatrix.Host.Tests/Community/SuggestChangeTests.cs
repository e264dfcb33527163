using System.Text.Json.Nodes;

namespace SkillMatrix.Host.Tests.Community;

/// <summary>
/// suggestChange: each refusal is one payload error of the right type and writes nothing; <c>from</c> is the cell's
/// value when proposed; a null proficiency proposes removing the cell.
/// </summary>
public abstract class SuggestChangeTests(HostFixture fixture)
{
    public sealed class OnSqlite(SignedInHost host) : SuggestChangeTests(host), IClassFixture<SignedInHost>;

    public sealed class OnPostgreSql(PostgreSqlHost<SignedInHost> host) : SuggestChangeTests(host), IClassFixture<PostgreSqlHost<SignedInHost>>;

    private CommunityApi Api { get; } = new(fixture.Host);

    private static object Input(string roleSlug = CommunityApi.Role, string? skill = "api-testing", object? newSkill = null, string level = "MIDDLE",
        string? proficiency = "ADVANCED", bool? mandatory = null, string title = "A title", string rationale = "A rationale.") =>
        new { roleSlug, skill, newSkill, level, proficiency, mandatory, title, rationale };

    public static TheoryData<string, string, string?> Refusals() => new()
    {
        // name of the case, expected __typename, expected ValidationError.field (null: any or none)
        { "unknown role", "NotFoundError", null },
        { "unknown skill", "NotFoundError", null },
        { "unknown level", "NotFoundError", null },
        { "unknown domain of a new skill", "NotFoundError", null },
        { "changes nothing", "ValidationError", "proficiency" },
        { "changes nothing, mandatory given as it is", "ValidationError", "proficiency" },
        { "empty title", "ValidationError", "title" },
        { "blank title", "ValidationError", "title" },
        { "121-character title", "ValidationError", "title" },
        { "empty rationale", "ValidationError", "rationale" },
        { "4001-character rationale", "ValidationError", "rationale" },
        { "both skill and newSkill", "ValidationError", null },
        { "neither skill nor newSkill", "ValidationError", null },
        { "new skill named like an existing one", "ValidationError", null },
        { "new skill without a proficiency", "ValidationError", null },
        { "new skill with an empty name", "ValidationError", "newSkill.name" },
        { "new skill with a 201-character name", "ValidationError", "newSkill.name" },
        { "new skill whose name makes no slug", "ValidationError", "newSkill.name" },
    };

    private static object RefusalInput(string name) => name switch
    {
        "unknown role" => Input(roleSlug: "no-such-role"),
        "unknown skill" => Input(skill: "no-such-skill"),
        "unknown level" => Input(level: "GRANDMASTER"),
        "unknown domain of a new skill" => Input(skill: null, newSkill: new { name = "Quantum APIs", domain = "no-such-domain" }),
        "changes nothing" => Input(skill: "rest-api-design", level: "JUNIOR", proficiency: "WORKING"),
        "changes nothing, mandatory given as it is" => Input(skill: "rest-api-design", level: "JUNIOR", proficiency: "WORKING", mandatory: true),
        "empty title" => Input(title: ""),
        "blank title" => Input(title: "   "),
        "121-character title" => Input(title: new string('t', 121)),
        "empty rationale" => Input(rationale: ""),
        "4001-character rationale" => Input(rationale: new string('r', 4001)),
        "both skill and newSkill" => Input(skill: "api-testing", newSkill: new { name = "Quantum APIs", domain = "security" }),
        "neither skill nor newSkill" => Input(skill: null),
        "new skill named like an existing one" => Input(skill: null, newSkill: new { name = "REST API Design", domain = "security" }),
        "new skill without a proficiency" => Input(skill: null, newSkill: new { name = "Quantum APIs", domain = "security" }, proficiency: null),
        "new skill with an empty name" => Input(skill: null, newSkill: new { name = " ", domain = "security" }),
        "new skill with a 201-character name" => Input(skill: null, newSkill: new { name = new string('n', 201), domain = "security" }),
        "new skill whose name makes no slug" => Input(skill: null, newSkill: new { name = "+++", domain = "security" }),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_refused_suggestion_is_one_payload_error_and_writes_nothing(string name, string typeName, string? field)
    {
        var member = Api.SignIn($"Refused {Guid.NewGuid():N}");
        var count = await Api.ProposalCountAsync();

        var payload = await Api.SuggestAsync(member, RefusalInput(name));

        var error = CommunityApi.AssertError(payload, typeName);
        if (field is not null)
        {
            Assert.Equal(field, (string?)error["field"]);
        }

        Assert.Equal(count, await Api.ProposalCountAsync());
        // Nothing written at all: not even the member row that a successful mutation records.
        var mine = await Api.DataAsync("query($name: String) { proposals(where: { author: { name: { eq: $name } } }) { totalCount } }", new { name = member.Name });
        Assert.Equal(0, (int)mine["proposals"]!["totalCount"]!);
    }

    [Fact]
    public async Task Limits_are_inclusive_a_120_character_title_and_a_4000_character_rationale_are_accepted()
    {
        var payload = await Api.SuggestAsync(Api.SignIn("Limits"),
            Input(skill: "api-documentation", level: "MIDDLE", proficiency: "EXPERT", title: new string('t', 120), rationale: new string('r', 4000)));

        CommunityApi.AssertNoErrors(payload);
        Assert.Equal(120, ((string)payload["proposal"]!["title"]!).Length);
        Assert.Equal(4000, ((string)payload["proposal"]!["rationale"]!).Length);
    }

    [Fact]
    public async Task The_same_authors_second_open_proposal_for_the_same_cell_is_a_conflict()
    {
        var author = Api.SignIn("Twice");
        await Api.ProposeAsync(author, "graphql-design", "JUNIOR", "WORKING");
        var count = await Api.ProposalCountAsync();

        var again = await Api.SuggestAsync(author, Input(skill: "graphql-design", level: "JUNIOR", proficiency: "ADVANCED"));

        CommunityApi.AssertError(again, "ConflictError");
        Assert.Equal(count, await Api.ProposalCountAsync());

        // Another author may propose on the same cell, and the first author on another cell.
        await Api.ProposeAsync(Api.SignIn("Other"), "graphql-design", "JUNIOR", "EXPERT");
        await Api.ProposeAsync(author, "graphql-design", "MIDDLE", "ADVANCED");
        Assert.Equal(count + 2, await Api.ProposalCountAsync());
    }

    [Fact]
    public async Task A_withdrawn_proposal_no_longer_blocks_a_new_one_for_the_same_cell()
    {
        var author = Api.SignIn("Again");
        var first = await Api.ProposeAsync(author, "websocket-api-design", "JUNIOR", "WORKING");
        CommunityApi.AssertNoErrors(await Api.WithdrawAsync(author, (string)first["id"]!));

        await Api.ProposeAsync(author, "websocket-api-design", "JUNIOR", "WORKING");
    }

    [Fact]
    public async Task From_records_the_current_cell_value()
    {
        var proposal = await Api.ProposeAsync(Api.SignIn("From"), "rest-api-design", "JUNIOR", "EXPERT");

        var change = proposal["change"]!;
        Assert.Equal("WORKING", (string?)change["from"]);
        Assert.Equal("EXPERT", (string?)change["to"]);
        Assert.Equal("REST API Design", (string?)change["skill"]);
        Assert.Equal("API & Integration", (string?)change["domain"]);
        Assert.Equal("JUNIOR", (string?)change["level"]!["key"]);
    }

    [Fact]
    public async Task Changing_only_mandatory_is_a_change()
    {
        // rest-api-design at JUNIOR is WORKING and mandatory; WORKING but optional changes something.
        var proposal = await Api.SuggestAsync(Api.SignIn("Optional"),
            Input(skill: "rest-api-design", level: "JUNIOR", proficiency: "WORKING", mandatory: false));

        CommunityApi.AssertNoErrors(proposal);
        Assert.Equal("WORKING", (string?)proposal["proposal"]!["change"]!["from"]);
        Assert.Equal("WORKING", (string?)proposal["proposal"]!["change"]!["to"]);
        Assert.False((bool?)proposal["proposal"]!["change"]!["mandatory"]);
    }

    [Fact]
    public async Task Mandatory_defaults_to_working_or_above()
    {
        var author = Api.SignIn("Defaults");
        var awareness = await Api.ProposeAsync(author, "cqrs", "MIDDLE", "AWARENESS");
        var advanced = await Api.ProposeAsync(author, "cqrs", "SENIOR", "EXPERT");

        Assert.False((bool?)awareness["change"]!["mandatory"]);
        Assert.True((bool?)advanced["change"]!["mandatory"]);
    }

    [Fact]
    public async Task A_new_skill_has_no_from_and_names_its_domain()
    {
        var payload = await Api.SuggestAsync(Api.SignIn("Newcomer"),
            Input(skill: null, newSkill: new { name = "Passkeys & WebAuthn", domain = "security" }, level: "SENIOR", proficiency: "ADVANCED"));

        CommunityApi.AssertNoErrors(payload);
        var change = payload["proposal"]!["change"]!;
        Assert.Null(change["from"]);
        Assert.Equal("ADVANCED", (string?)change["to"]);
        Assert.Equal("Passkeys & WebAuthn", (string?)change["skill"]);
        Assert.Equal("Security", (string?)change["domain"]);
        Assert.Equal("SENIOR", (string?)change["level"]!["key"]);
    }

    [Fact]
    public async Task A_null_proficiency_proposes_removing_the_cell()
    {
        var payload = await Api.SuggestAsync(Api.SignIn("Remover"), Input(skill: "redis", level: "JUNIOR", proficiency: null));

        CommunityApi.AssertNoErrors(payload);
        var change = payload["proposal"]!["change"]!;
        Assert.Equal("AWARENESS", (string?)change["from"]);
        Assert.Null(change["to"]);
        Assert.Null(change["mandatory"]);
    }

    [Fact]
    public async Task Removing_a_cell_that_does_not_exist_changes_nothing()
    {
        // Microservices Decomposition has no cell at LEAD_STAFF.
        var count = await Api.ProposalCountAsync();
        var payload = await Api.SuggestAsync(Api.SignIn("Nothing"), Input(skill: "microservices-decomposition", level: "LEAD_STAFF", proficiency: null));

        CommunityApi.AssertError(payload, "ValidationError");
        Assert.Equal(count, await Api.ProposalCountAsync());
    }

    [Fact]
    public async Task A_cell_the_role_does_not_have_yet_has_no_from()
    {
        var proposal = await Api.ProposeAsync(Api.SignIn("Adder"), "microservices-decomposition", "LEAD_STAFF", "EXPERT");

        Assert.Null(proposal["change"]!["from"]);
        Assert.Equal("EXPERT", (string?)proposal["change"]!["to"]);
    }

    [Fact]
    public async Task Title_and_rationale_are_stored_trimmed()
    {
        var payload = await Api.SuggestAsync(Api.SignIn("Trim"), Input(skill: "api-testing", level: "SENIOR", proficiency: "EXPERT", title: "  Padded  ", rationale: "\n Why \n"));

        CommunityApi.AssertNoErrors(payload);
        Assert.Equal("Padded", (string?)payload["proposal"]!["title"]);
        Assert.Equal("Why", (string?)payload["proposal"]!["rationale"]);
    }

    [Fact]
    public async Task The_payload_errors_is_null_on_success()
    {
        var payload = await Api.SuggestAsync(Api.SignIn("Success"), Input(skill: "api-testing", level: "PRINCIPAL", proficiency: "ADVANCED"));

        Assert.True(payload.AsObject().ContainsKey("errors"));
        Assert.Null(payload["errors"]);
        Assert.IsType<JsonObject>(payload["proposal"]);
    }
}
