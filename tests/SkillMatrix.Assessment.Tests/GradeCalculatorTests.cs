using SkillMatrix.Assessment.Grading;
using SkillMatrix.Catalog.Contracts;
using static SkillMatrix.Catalog.Contracts.Proficiency;

namespace SkillMatrix.Assessment.Tests;

/// <summary>The grade calculator's rule, boundary by boundary, on hand-built matrices.</summary>
public sealed class GradeCalculatorTests
{
    private const double DefaultThreshold = 0.8;

    /// <summary>
    /// A five-level role shaped like the seed: two mandatory Junior skills, optional ones, a skill that stops at
    /// Senior and one that starts at Middle. Junior: 6 requirements (2 mandatory); Middle: 7 (6 mandatory).
    /// </summary>
    private static readonly RoleMatrix Ladder = Matrices.Build(
        new Row("API", "Rest Design", "W V E E E"),
        new Row("API", "Graphql Design", "a W V E E"),
        new Row("API", "Api Testing", "a W V E E"),
        new Row("Data", "Postgres", "W W V E E"),
        new Row("Data", "Indexing", "a W V E E"),
        new Row("Security", "Secrets", "a W V"),
        new Row("Ops", "Terraform", "- a W V E"));

    [Fact]
    public void Nothing_rated_reaches_no_level_and_lists_every_first_level_requirement_as_a_gap()
    {
        var estimate = GradeCalculator.Estimate(Ladder, new Dictionary<int, Proficiency?>(), DefaultThreshold);

        Assert.Null(estimate.Level);
        Assert.Equal("JUNIOR", estimate.NextLevel?.Key);
        Assert.All(estimate.Levels, fit => Assert.False(fit.Reached));
        Assert.Equal(0.0, estimate.Levels[0].Coverage);
        Assert.Equal(0.0, estimate.Levels[0].MandatoryCoverage);
        // Mandatory first (both WORKING, 2 steps, page order), then the optional AWARENESS ones (1 step) in page order.
        AssertGaps(Ladder, estimate,
            ("Rest Design", Working, null, true, 2),
            ("Postgres", Working, null, true, 2),
            ("Graphql Design", Awareness, null, false, 1),
            ("Api Testing", Awareness, null, false, 1),
            ("Indexing", Awareness, null, false, 1),
            ("Secrets", Awareness, null, false, 1));
    }

    [Fact]
    public void Ratings_of_null_count_as_unrated()
    {
        var unrated = GradeCalculator.Estimate(Ladder, new Dictionary<int, Proficiency?>(), DefaultThreshold);
        var nulls = GradeCalculator.Estimate(Ladder, Ladder.Everything(null), DefaultThreshold);

        Assert.Null(nulls.Level);
        Assert.Equal(unrated.Levels, nulls.Levels);
        Assert.Equal(unrated.Gaps, nulls.Gaps);
    }

    [Fact]
    public void Ratings_exactly_at_Junior_reach_Junior_with_Middle_next()
    {
        var estimate = GradeCalculator.Estimate(Ladder, Ladder.ExactlyAt("JUNIOR"), DefaultThreshold);

        Assert.Equal("JUNIOR", estimate.Level?.Key);
        Assert.Equal("MIDDLE", estimate.NextLevel?.Key);
        Assert.Equal(new LevelFit(Ladder.Level("JUNIOR"), true, 1.0, 1.0), estimate.Levels[0]);
        // Middle: only Postgres (WORKING at both) is met: 1 of 7, 1 of 6 mandatory.
        Assert.Equal(new LevelFit(Ladder.Level("MIDDLE"), false, 1.0 / 7, 1.0 / 6), estimate.Levels[1]);
        Assert.All(estimate.Levels.Skip(1), fit => Assert.False(fit.Reached));
        AssertGaps(Ladder, estimate,
            ("Rest Design", Advanced, Working, true, 1),
            ("Graphql Design", Working, Awareness, true, 1),
            ("Api Testing", Working, Awareness, true, 1),
            ("Indexing", Working, Awareness, true, 1),
            ("Secrets", Working, Awareness, true, 1),
            ("Terraform", Awareness, null, false, 1));
    }

    [Fact]
    public void Everything_EXPERT_reaches_the_top_with_no_next_level_and_no_gaps()
    {
        var estimate = GradeCalculator.Estimate(Ladder, Ladder.Everything(Expert), DefaultThreshold);

        Assert.Equal("PRINCIPAL", estimate.Level?.Key);
        Assert.Null(estimate.NextLevel);
        Assert.Empty(estimate.Gaps);
        Assert.Equal(Ladder.Ladder, estimate.Levels.Select(f => f.Level));
        Assert.All(estimate.Levels, fit => Assert.Equal((true, 1.0, 1.0), (fit.Reached, fit.Coverage, fit.MandatoryCoverage)));
        Assert.Equal(Ladder.Role.Id, estimate.RoleId);
    }

    [Fact]
    public void One_mandatory_miss_blocks_the_first_level_and_every_level_above_even_when_they_are_fully_met()
    {
        // Ten Junior requirements: one mandatory (Core, only at Junior) and nine optional ones that go on to Principal.
        var matrix = Matrices.Build([new Row("Core", "Core", "W"), .. Enumerable.Range(1, 9).Select(i => new Row("Rest", $"Skill {i}", "a W V E E"))]);
        var ratings = matrix.Everything(Expert);
        ratings[matrix.SkillId("Core")] = Awareness;

        var estimate = GradeCalculator.Estimate(matrix, ratings, DefaultThreshold);

        // 9 of 10 is above the threshold, but the mandatory share is 0.
        Assert.Equal(new LevelFit(matrix.Level("JUNIOR"), false, 0.9, 0.0), estimate.Levels[0]);
        // Middle .. Principal are met in full (Core has no cells there) and still not reached: a lower level is not.
        Assert.All(estimate.Levels.Skip(1), fit => Assert.Equal((false, 1.0, 1.0), (fit.Reached, fit.Coverage, fit.MandatoryCoverage)));
        Assert.Null(estimate.Level);
        Assert.Equal("JUNIOR", estimate.NextLevel?.Key);
        AssertGaps(matrix, estimate, ("Core", Working, Awareness, true, 1));
    }

    [Fact]
    public void One_mandatory_miss_at_Middle_stops_at_Junior_whatever_is_met_above()
    {
        var matrix = Matrices.Build([new Row("Core", "Core", "a W"), .. Enumerable.Range(1, 9).Select(i => new Row("Rest", $"Skill {i}", "a a W V E"))]);
        var ratings = matrix.Everything(Expert);
        ratings[matrix.SkillId("Core")] = Awareness;

        var estimate = GradeCalculator.Estimate(matrix, ratings, DefaultThreshold);

        Assert.Equal("JUNIOR", estimate.Level?.Key);
        Assert.Equal("MIDDLE", estimate.NextLevel?.Key);
        Assert.Equal(new LevelFit(matrix.Level("MIDDLE"), false, 0.9, 0.0), estimate.Levels[1]);
        Assert.All(estimate.Levels.Skip(2), fit => Assert.Equal((false, 1.0, 1.0), (fit.Reached, fit.Coverage, fit.MandatoryCoverage)));
        AssertGaps(matrix, estimate, ("Core", Working, Awareness, true, 1));
    }

    [Theory]
    [InlineData(0.8, 5, 4, true)]
    [InlineData(0.8, 5, 3, false)]
    [InlineData(0.8, 10, 8, true)]
    [InlineData(0.8, 10, 7, false)]
    [InlineData(0.8, 100, 80, true)]
    [InlineData(0.8, 100, 79, false)]
    [InlineData(0.7, 10, 7, true)]
    [InlineData(0.7, 10, 6, false)]
    [InlineData(0.6, 5, 3, true)]
    [InlineData(0.6, 5, 2, false)]
    [InlineData(0.9, 10, 9, true)]
    [InlineData(0.9, 10, 8, false)]
    [InlineData(1.0, 3, 3, true)]
    [InlineData(1.0, 3, 2, false)]
    [InlineData(0.0, 3, 0, true)]
    public void Coverage_exactly_at_the_threshold_reaches_and_one_requirement_less_does_not(double threshold, int requirements, int met, bool reached)
    {
        // Optional requirements only, so coverage alone decides; met / requirements is the threshold's own decimal,
        // and IEEE division rounds it to the same double as the literal.
        var matrix = Matrices.Build(["JUNIOR"], [.. Enumerable.Range(1, requirements).Select(i => new Row("Domain", $"Skill {i}", "a"))]);
        var ratings = Enumerable.Range(1, met).ToDictionary(id => id, _ => (Proficiency?)Awareness);

        var estimate = GradeCalculator.Estimate(matrix, ratings, threshold);

        Assert.Equal((double)met / requirements, estimate.Levels[0].Coverage);
        Assert.Equal(1.0, estimate.Levels[0].MandatoryCoverage);
        Assert.Equal(reached, estimate.Levels[0].Reached);
        Assert.Equal(reached ? "JUNIOR" : null, estimate.Level?.Key);
        // A one-level ladder: reached is the top, with nothing next; otherwise the misses are the gaps.
        Assert.Equal(reached ? 0 : requirements - met, estimate.Gaps.Count);
    }

    [Fact]
    public void The_threshold_counts_met_mandatory_requirements_as_coverage()
    {
        // 5 requirements: the mandatory one met and 3 of 4 optional ones: 4 / 5 = 0.8 exactly.
        var matrix = Matrices.Build(["JUNIOR"], new Row("D", "Core", "W"), new Row("D", "One", "a"), new Row("D", "Two", "a"), new Row("D", "Three", "a"), new Row("D", "Four", "a"));
        var atEdge = matrix.Ratings(("Core", Working), ("One", Awareness), ("Two", Awareness), ("Three", Awareness));
        var belowEdge = matrix.Ratings(("Core", Working), ("One", Awareness), ("Two", Awareness));

        Assert.Equal("JUNIOR", GradeCalculator.Estimate(matrix, atEdge, DefaultThreshold).Level?.Key);
        Assert.Null(GradeCalculator.Estimate(matrix, belowEdge, DefaultThreshold).Level);
        // A custom threshold moves the edge: 3 / 5 reaches at 0.6, 4 / 5 does not at 0.81.
        Assert.Equal("JUNIOR", GradeCalculator.Estimate(matrix, belowEdge, 0.6).Level?.Key);
        Assert.Null(GradeCalculator.Estimate(matrix, atEdge, 0.81).Level);
    }

    [Fact]
    public void A_level_with_no_mandatory_requirement_has_mandatory_coverage_one()
    {
        var matrix = Matrices.Build(["JUNIOR", "MIDDLE"], new Row("D", "One", "a w"), new Row("D", "Two", "a v"));

        var nothing = GradeCalculator.Estimate(matrix, new Dictionary<int, Proficiency?>(), DefaultThreshold);
        var everything = GradeCalculator.Estimate(matrix, matrix.Everything(Expert), DefaultThreshold);

        Assert.All(nothing.Levels, fit => Assert.Equal((false, 0.0, 1.0), (fit.Reached, fit.Coverage, fit.MandatoryCoverage)));
        Assert.Equal("MIDDLE", everything.Level?.Key);
        Assert.All(everything.Gaps, gap => Assert.False(gap.Mandatory));
    }

    [Fact]
    public void A_level_with_no_requirements_is_fully_covered_and_reached_once_the_level_below_is()
    {
        // Middle requires nothing at all.
        var matrix = Matrices.Build(["JUNIOR", "MIDDLE", "SENIOR"], new Row("D", "Core", "W - E"), new Row("D", "Extra", "a - e"));

        var junior = GradeCalculator.Estimate(matrix, matrix.ExactlyAt("JUNIOR"), DefaultThreshold);
        var nothing = GradeCalculator.Estimate(matrix, new Dictionary<int, Proficiency?>(), DefaultThreshold);

        Assert.Equal(new LevelFit(matrix.Level("MIDDLE"), true, 1.0, 1.0), junior.Levels[1]);
        Assert.Equal("MIDDLE", junior.Level?.Key);
        Assert.Equal("SENIOR", junior.NextLevel?.Key);
        AssertGaps(matrix, junior, ("Core", Expert, Working, true, 2), ("Extra", Expert, Awareness, false, 3));
        // Fully covered, yet not reached: Junior is not.
        Assert.Equal(new LevelFit(matrix.Level("MIDDLE"), false, 1.0, 1.0), nothing.Levels[1]);
        Assert.Null(nothing.Level);
    }

    [Fact]
    public void A_first_level_with_no_requirements_is_reached_with_nothing_rated()
    {
        var matrix = Matrices.Build(["JUNIOR", "MIDDLE"], new Row("D", "Core", "- W"));

        var estimate = GradeCalculator.Estimate(matrix, new Dictionary<int, Proficiency?>(), DefaultThreshold);

        Assert.Equal("JUNIOR", estimate.Level?.Key);
        Assert.Equal("MIDDLE", estimate.NextLevel?.Key);
        AssertGaps(matrix, estimate, ("Core", Working, null, true, 2));
    }

    [Fact]
    public void A_role_with_no_levels_has_no_level_no_next_level_and_no_gaps()
    {
        var estimate = GradeCalculator.Estimate(Matrices.Build(Array.Empty<string>()), new Dictionary<int, Proficiency?>(), DefaultThreshold);

        Assert.Equal((null, null), (estimate.Level, estimate.NextLevel));
        Assert.Empty(estimate.Levels);
        Assert.Empty(estimate.Gaps);
    }

    [Fact]
    public void Ratings_above_the_requirement_meet_it()
    {
        var everythingAboveJunior = Ladder.Ratings(
            ("Rest Design", Advanced), ("Graphql Design", Expert), ("Api Testing", Working), ("Postgres", Expert), ("Indexing", Advanced), ("Secrets", Working));

        var estimate = GradeCalculator.Estimate(Ladder, everythingAboveJunior, DefaultThreshold);

        Assert.Equal(new LevelFit(Ladder.Level("JUNIOR"), true, 1.0, 1.0), estimate.Levels[0]);
        // And at Middle (Rest ADVANCED, Graphql/Indexing above WORKING, Api Testing/Postgres/Secrets at it): only unrated Terraform misses.
        Assert.Equal("MIDDLE", estimate.Level?.Key);
        Assert.Equal(6.0 / 7, estimate.Levels[1].Coverage);
        Assert.DoesNotContain(estimate.Gaps, gap => gap.SkillId == Ladder.SkillId("Graphql Design"));
    }

    [Fact]
    public void Gaps_are_mandatory_first_then_most_steps_then_page_order()
    {
        // Page order: Alpha before Beta before Gamma; within Beta, Zebra stands before Apple on the page.
        var matrix = Matrices.Build(["JUNIOR"],
            new Row("Alpha", "Opt Expert", "e"),
            new Row("Alpha", "Mand Working Aware", "W"),
            new Row("Beta", "Mand Expert Working", "E"),
            new Row("Beta", "Zebra Mandatory", "W"),
            new Row("Beta", "Apple Mandatory", "W"),
            new Row("Beta", "Opt Working", "w"),
            new Row("Beta", "Mand Advanced", "V"),
            new Row("Gamma", "Mand Working", "W"),
            new Row("Gamma", "Opt Advanced Aware", "v"),
            new Row("Gamma", "Met", "W"));
        var ratings = matrix.Ratings(("Mand Working Aware", Awareness), ("Mand Expert Working", Working), ("Opt Advanced Aware", Awareness), ("Met", Expert));

        var estimate = GradeCalculator.Estimate(matrix, ratings, DefaultThreshold);

        AssertGaps(matrix, estimate,
            ("Mand Advanced", Advanced, null, true, 3),
            ("Mand Expert Working", Expert, Working, true, 2),
            ("Zebra Mandatory", Working, null, true, 2),
            ("Apple Mandatory", Working, null, true, 2),
            ("Mand Working", Working, null, true, 2),
            ("Mand Working Aware", Working, Awareness, true, 1),
            ("Opt Expert", Expert, null, false, 4),
            ("Opt Working", Working, null, false, 2),
            ("Opt Advanced Aware", Advanced, Awareness, false, 2));
    }

    [Fact]
    public void Ratings_of_skills_the_matrix_no_longer_holds_meet_nothing()
    {
        // A saved assessment may name a skill the role has since dropped: it is graded as if absent.
        var ratings = Ladder.ExactlyAt("JUNIOR");
        ratings[999] = Expert;

        var estimate = GradeCalculator.Estimate(Ladder, ratings, DefaultThreshold);

        Assert.Equal(GradeCalculator.Estimate(Ladder, Ladder.ExactlyAt("JUNIOR"), DefaultThreshold).Levels, estimate.Levels);
        Assert.DoesNotContain(estimate.Gaps, gap => gap.SkillId == 999);
    }

    private static void AssertGaps(RoleMatrix matrix, GradeEstimate estimate, params (string Skill, Proficiency Required, Proficiency? Current, bool Mandatory, int Steps)[] expected)
    {
        var actual = estimate.Gaps.Select(g => (matrix.Cells.First(c => c.SkillId == g.SkillId).SkillName, g.Required, g.Current, g.Mandatory, g.Steps)).ToList();
        Assert.Equal(expected.ToList(), actual);
    }
}
