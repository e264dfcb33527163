
namespace SkillMatrix.Host.Tests.Assessment;

/// <summary>
/// assessmentStats over one Host of its own: withheld below five saved assessments, then counts that match the
/// estimates the test computes from the seed. One test, because the figures depend on the order of the saves.
/// </summary>
public abstract class AssessmentStatsTests(HostFixture fixture)
{
    public sealed class OnSqlite(AssessmentHost host) : AssessmentStatsTests(host), IClassFixture<AssessmentHost>;

    public sealed class OnPostgreSql(PostgreSqlHost<AssessmentHost> host) : AssessmentStatsTests(host), IClassFixture<PostgreSqlHost<AssessmentHost>>;

    private readonly AssessmentApi api = new(fixture.Host);

    private const string StatsQuery =
        $$"""{ assessmentStats(roleSlug: "{{SeedGrades.Role}}") { assessmentCount byLevel { level { key } count } topBlockingSkills { skill { slug } count } } }""";

    [Fact]
    public async Task Figures_are_withheld_below_five_assessments_then_match_the_estimates()
    {
        // Five members, five estimates: two below Junior, two at Junior, one at Principal.
        var saved = new[]
        {
            new Dictionary<string, string?>(),
            SeedGrades.Everything(null),
            SeedGrades.ExactlyAt("JUNIOR"),
            SeedGrades.ExactlyAt("JUNIOR"),
            SeedGrades.Everything("EXPERT"),
        };
        // An assessment of another role does not count towards this role's five.
        await api.SaveAsync(api.SignIn("Elsewhere"), SeedGrades.Literal((AssessmentHost.OtherSkill, "WORKING")), AssessmentHost.OtherRole);

        for (var i = 0; i < 4; i++)
        {
            await api.SavedIdAsync(api.SignIn($"Member{i}"), SeedGrades.Literal(saved[i]));
        }

        var withheld = await api.DataAsync(StatsQuery);
        Assert.Null(withheld["assessmentStats"]);

        await api.SavedIdAsync(api.SignIn("Member4"), SeedGrades.Literal(saved[4]));
        var stats = (await api.DataAsync(StatsQuery))["assessmentStats"]!;

        var estimates = saved.Select(r => SeedGrades.Estimate(r)).ToList();
        Assert.Equal(5, (int)stats["assessmentCount"]!);
        var byLevel = stats["byLevel"]!.AsArray().Select(c => ((string?)c!["level"]?["key"], (int)c["count"]!)).ToList();
        Assert.Equal(
            new string?[] { null }.Concat(SeedCatalog.LadderKeys).Select(level => (level, estimates.Count(e => e.Level == level))).ToList(),
            byLevel);
        Assert.Equal([(null, 2), ("JUNIOR", 2), ("MIDDLE", 0), ("SENIOR", 0), ("LEAD_STAFF", 0), ("PRINCIPAL", 1)], byLevel);

        // The skills most often among the gaps to the next level. Ties may be broken either way, so the test pins
        // the counts, the order by count, and that nothing left out blocks more often than what is listed.
        var blocking = estimates.SelectMany(e => e.Gaps).GroupBy(g => g.Skill).ToDictionary(g => g.Key, g => g.Count());
        var top = stats["topBlockingSkills"]!.AsArray().Select(s => ((string)s!["skill"]!["slug"]!, (int)s["count"]!)).ToList();
        Assert.Equal(10, top.Count);
        Assert.All(top, entry => Assert.Equal(blocking[entry.Item1], entry.Item2));
        Assert.Equal(top.Select(t => t.Item2).OrderDescending(), top.Select(t => t.Item2));
        Assert.Equal(10, top.Select(t => t.Item1).Distinct().Count());
        Assert.All(blocking.Where(b => !top.Any(t => t.Item1 == b.Key)), left => Assert.True(left.Value <= top[^1].Item2, $"{left.Key} blocks {left.Value} times"));
        // Every Middle skill the Junior raters lack is blocked by all four raters below Middle.
        Assert.Equal(4, top[0].Item2);
    }

    [Fact]
    public async Task An_unknown_role_has_no_figures()
    {
        var data = await api.DataAsync("""{ assessmentStats(roleSlug: "no-such-role") { assessmentCount } }""");

        Assert.Null(data["assessmentStats"]);
    }
}
