using System.Globalization;
using System.Text.Json.Nodes;

namespace SkillMatrix.Host.Tests.Community;

/// <summary>proposalStats over a Host of its own: every status counted, accepted changes by month of their review.</summary>
public abstract class ProposalStatsTests(HostFixture fixture)
{
    public sealed class OnSqlite(SignedInHost host) : ProposalStatsTests(host), IClassFixture<SignedInHost>;

    public sealed class OnPostgreSql(PostgreSqlHost<SignedInHost> host) : ProposalStatsTests(host), IClassFixture<PostgreSqlHost<SignedInHost>>;

    private CommunityApi Api { get; } = new(fixture.Host);

    private const string StatsQuery =
        $$"""{ proposalStats(roleSlug: "{{CommunityApi.Role}}") { byStatus { status count } acceptedByMonth { month count } } }""";

    private static readonly string[] Statuses = ["OPEN", "IN_REVIEW", "ACCEPTED", "REJECTED", "WITHDRAWN"];

    [Fact]
    public async Task Every_status_is_counted_and_the_accepted_proposal_is_in_the_current_month()
    {
        var before = (await Api.DataAsync(StatsQuery))["proposalStats"]!;
        Assert.Equal(Statuses.Select(s => (s, 0)), ByStatus(before));
        Assert.Empty(before["acceptedByMonth"]!.AsArray());

        var author = Api.SignIn("Author");
        var voters = new[] { Api.SignIn("Voter1"), Api.SignIn("Voter2"), Api.SignIn("Voter3") };
        var expert = Api.SignIn("Expert", expert: true);

        // ACCEPTED: three up votes put it in review (the default threshold is 3), then an expert accepts it.
        var accepted = await SuggestAsync(author, "redis", "Redis at Junior");
        foreach (var voter in voters)
        {
            await MutateAsync("voteOnProposal", $$"""{ proposalId: "{{accepted}}", value: UP }""", voter);
        }

        var monthBefore = Month();
        await MutateAsync("reviewProposal", $$"""{ proposalId: "{{accepted}}", decision: ACCEPT, note: "Agreed." }""", expert);
        var monthAfter = Month();

        // IN_REVIEW: voted up to the threshold, not reviewed.
        var inReview = await SuggestAsync(author, "docker", "Docker at Junior");
        foreach (var voter in voters)
        {
            await MutateAsync("voteOnProposal", $$"""{ proposalId: "{{inReview}}", value: UP }""", voter);
        }

        // REJECTED straight from OPEN; WITHDRAWN by its author; one left OPEN.
        var rejected = await SuggestAsync(author, "mongodb", "MongoDB at Junior");
        await MutateAsync("reviewProposal", $$"""{ proposalId: "{{rejected}}", decision: REJECT }""", expert);
        var withdrawn = await SuggestAsync(author, "terraform", "Terraform at Junior");
        await MutateAsync("withdrawProposal", $$"""{ proposalId: "{{withdrawn}}" }""", author);
        await SuggestAsync(author, "aws", "AWS at Junior");

        var after = (await Api.DataAsync(StatsQuery))["proposalStats"]!;

        Assert.Equal(Statuses.Select(s => (s, 1)), ByStatus(after));
        var month = Assert.Single(after["acceptedByMonth"]!.AsArray());
        Assert.Contains((string)month!["month"]!, new[] { monthBefore, monthAfter });
        Assert.Equal(1, (int)month["count"]!);
    }

    [Fact]
    public async Task An_unknown_role_has_no_figures()
    {
        var data = await Api.DataAsync("""{ proposalStats(roleSlug: "no-such-role") { byStatus { count } } }""");

        Assert.Null(data["proposalStats"]);
    }

    private static string Month() => DateTime.UtcNow.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private static IEnumerable<(string, int)> ByStatus(JsonNode stats) =>
        stats["byStatus"]!.AsArray().Select(c => ((string)c!["status"]!, (int)c["count"]!)).ToList();

    /// <summary>Proposes ADVANCED at Junior for <paramref name="skill"/>; returns the proposal's id.</summary>
    private async Task<string> SuggestAsync(Person author, string skill, string title)
    {
        var payload = await MutateAsync("suggestChange",
            $$"""{ roleSlug: "{{CommunityApi.Role}}", skill: "{{skill}}", level: "JUNIOR", proficiency: ADVANCED, title: "{{title}}", rationale: "The work needs it." }""",
            author);
        return (string)payload["proposal"]!["id"]!;
    }

    /// <summary>Runs a community mutation whose payload must have no errors.</summary>
    private async Task<JsonNode> MutateAsync(string field, string inputLiteral, Person rater)
    {
        var data = await Api.DataAsync($$"""mutation { {{field}}(input: {{inputLiteral}}) { proposal { id status } errors { __typename ... on Error { message } } } }""", token: rater.Token);
        var payload = data[field]!;
        CommunityApi.AssertNoErrors(payload);
        return payload;
    }
}
