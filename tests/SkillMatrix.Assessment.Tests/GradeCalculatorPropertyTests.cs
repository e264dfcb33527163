using SkillMatrix.Assessment.Grading;
using SkillMatrix.Catalog.Contracts;

namespace SkillMatrix.Assessment.Tests;

/// <summary>
/// Properties of the rule over many random matrices and ratings. A fixed seed keeps every run the same, so a failure
/// names a case that can be replayed (FsCheck is not among the central package versions; a seeded System.Random does).
/// </summary>
public sealed class GradeCalculatorPropertyTests
{
    private const int Seed = 20261125;
    private const int Cases = 1500;

    [Fact]
    public void Reached_levels_are_a_prefix_of_the_ladder_and_level_and_next_level_follow_from_them()
    {
        ForEachCase((matrix, ratings, threshold, describe) =>
        {
            var estimate = GradeCalculator.Estimate(matrix, ratings, threshold);
            var reached = estimate.Levels.TakeWhile(f => f.Reached).Count();

            Assert.True(estimate.Levels.Skip(reached).All(f => !f.Reached), describe("reached levels are not a prefix"));
            Assert.Equal(matrix.Ladder, estimate.Levels.Select(f => f.Level));
            Assert.Equal(reached == 0 ? null : matrix.Ladder[reached - 1], estimate.Level);
            Assert.Equal(reached < matrix.Ladder.Count ? matrix.Ladder[reached] : null, estimate.NextLevel);
            Assert.All(estimate.Levels, fit =>
            {
                Assert.InRange(fit.Coverage, 0.0, 1.0);
                Assert.InRange(fit.MandatoryCoverage, 0.0, 1.0);
                Assert.True(!fit.Reached || (fit.MandatoryCoverage == 1.0 && fit.Coverage >= threshold), describe($"{fit.Level.Key} reached below the bar"));
            });
        });
    }

    [Fact]
    public void Raising_any_rating_never_lowers_the_level_nor_any_coverage()
    {
        ForEachCase((matrix, ratings, threshold, describe) =>
        {
            var before = GradeCalculator.Estimate(matrix, ratings, threshold);
            foreach (var skill in matrix.Cells.Select(c => c.SkillId).Distinct())
            {
                var current = ratings.GetValueOrDefault(skill);
                if (current == Proficiency.Expert)
                {
                    continue;
                }

                var raised = new Dictionary<int, Proficiency?>(ratings) { [skill] = (Proficiency)((int)(current ?? 0) + 1) };
                var after = GradeCalculator.Estimate(matrix, raised, threshold);

                Assert.True(Rank(after.Level) >= Rank(before.Level), describe($"raising skill {skill} lowered the level"));
                Assert.All(before.Levels.Zip(after.Levels), pair =>
                {
                    Assert.True(pair.Second.Coverage >= pair.First.Coverage, describe($"raising skill {skill} lowered coverage"));
                    Assert.True(pair.Second.MandatoryCoverage >= pair.First.MandatoryCoverage, describe($"raising skill {skill} lowered mandatory coverage"));
                });
            }
        });
    }

    [Fact]
    public void A_lower_threshold_never_lowers_the_level()
    {
        ForEachCase((matrix, ratings, threshold, describe) =>
        {
            var strict = GradeCalculator.Estimate(matrix, ratings, threshold);
            var lenient = GradeCalculator.Estimate(matrix, ratings, threshold / 2);

            Assert.True(Rank(lenient.Level) >= Rank(strict.Level), describe("a lower threshold lowered the level"));
        });
    }

    [Fact]
    public void Gaps_are_exactly_the_next_levels_unmet_requirements_in_the_rules_order()
    {
        ForEachCase((matrix, ratings, threshold, describe) =>
        {
            var estimate = GradeCalculator.Estimate(matrix, ratings, threshold);
            var pageOrder = matrix.Cells.Select(c => c.SkillId).Distinct().Select((skill, index) => (skill, index)).ToDictionary(p => p.skill, p => p.index);
            var unmet = estimate.NextLevel is null
                ? []
                : matrix.Cells.Where(c => c.LevelId == estimate.NextLevel.Id && (int)(ratings.GetValueOrDefault(c.SkillId) ?? 0) < (int)c.Proficiency).ToList();

            Assert.Equal(unmet.Select(c => c.SkillId).Order(), estimate.Gaps.Select(g => g.SkillId).Order());
            Assert.All(estimate.Gaps, gap =>
            {
                var cell = unmet.Single(c => c.SkillId == gap.SkillId);
                Assert.Equal((cell.Proficiency, cell.Mandatory, ratings.GetValueOrDefault(gap.SkillId)), (gap.Required, gap.Mandatory, gap.Current));
                Assert.Equal((int)cell.Proficiency - (int)(gap.Current ?? 0), gap.Steps);
                Assert.True(gap.Steps > 0, describe("a gap of no steps"));
            });
            var keys = estimate.Gaps.Select(g => (Mandatory: g.Mandatory ? 0 : 1, Steps: -g.Steps, Page: pageOrder[g.SkillId])).ToList();
            Assert.True(keys.Zip(keys.Skip(1)).All(pair => pair.First.CompareTo(pair.Second) < 0), describe("gaps out of order"));
        });
    }

    private static int Rank(LevelReference? level) => level?.Rank ?? 0;

    /// <summary>Runs <paramref name="property"/> on <see cref="Cases"/> random cases; its describe function names the case for a failure message.</summary>
    private static void ForEachCase(Action<RoleMatrix, Dictionary<int, Proficiency?>, double, Func<string, string>> property)
    {
        var random = new Random(Seed);
        for (var index = 0; index < Cases; index++)
        {
            var matrix = RandomMatrix(random);
            var ratings = RandomRatings(random, matrix);
            var threshold = random.Next(5) switch
            {
                0 => 0.8,
                1 => 1.0,
                2 => 0.0,
                3 => 0.5,
                _ => Math.Round(random.NextDouble(), 2),
            };
            var caseIndex = index;
            property(matrix, ratings, threshold, what => $"case {caseIndex} (seed {Seed}), threshold {threshold}: {what}. "
                + $"Cells: {string.Join("; ", matrix.Cells.Select(c => $"{c.SkillId}@{c.LevelId}={c.Proficiency}{(c.Mandatory ? "!" : "")}"))}. "
                + $"Ratings: {string.Join("; ", ratings.Select(r => $"{r.Key}={r.Value?.ToString() ?? "null"}"))}");
        }
    }

    private static RoleMatrix RandomMatrix(Random random)
    {
        var levels = Matrices.FiveLevels[..random.Next(1, 6)];
        var letters = new[] { "a", "w", "v", "e", "A", "W", "V", "E" };
        var rows = Enumerable.Range(1, random.Next(0, 13))
            .Select(i => new Row($"Domain {(i - 1) / 4}", $"Skill {i}",
                string.Join(' ', levels.Select(_ => random.Next(4) == 0 ? "-" : letters[random.Next(letters.Length)]))))
            .Where(row => row.Cells.Replace("-", "").Trim().Length > 0)
            .ToArray();
        return Matrices.Build(levels, rows);
    }

    private static Dictionary<int, Proficiency?> RandomRatings(Random random, RoleMatrix matrix)
    {
        var ratings = new Dictionary<int, Proficiency?>();
        foreach (var skill in matrix.Cells.Select(c => c.SkillId).Distinct())
        {
            switch (random.Next(6))
            {
                case 0:
                    break; // unrated
                case 1:
                    ratings[skill] = null;
                    break;
                default:
                    ratings[skill] = (Proficiency)random.Next(1, 5);
                    break;
            }
        }

        return ratings;
    }
}
