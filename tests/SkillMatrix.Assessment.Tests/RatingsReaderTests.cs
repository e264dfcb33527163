using SkillMatrix.Assessment.Grading;
using SkillMatrix.Catalog.Contracts;
using static SkillMatrix.Catalog.Contracts.Proficiency;

namespace SkillMatrix.Assessment.Tests;

/// <summary>Ratings by slug become ratings by skill id, or a refusal that names every offending slug; nothing is dropped quietly.</summary>
public sealed class RatingsReaderTests
{
    private static readonly RoleMatrix Matrix = Matrices.Build(
        new Row("API", "Rest Design", "W V E E E"),
        new Row("API", "Graphql Design", "a W V E E"),
        new Row("Data", "Postgres", "W W V E E"),
        new Row("Ops", "Terraform", "- a W V E"));

    /// <summary>The catalog's skills: the role's four and two of another role's.</summary>
    private static readonly HashSet<string> Known = ["rest-design", "graphql-design", "postgres", "terraform", "figma", "css-grid"];

    [Fact]
    public void Ratings_are_keyed_by_skill_id_with_null_kept_as_unrated()
    {
        var (ratings, problem) = RatingsReader.Read(Matrix, [new("rest-design", Expert), new("terraform", null), new("postgres", Awareness)], Known);

        Assert.Null(problem);
        Assert.Equal(new Dictionary<int, Proficiency?>
        {
            [Matrix.SkillId("Rest Design")] = Expert,
            [Matrix.SkillId("Terraform")] = null,
            [Matrix.SkillId("Postgres")] = Awareness,
        }, ratings);
    }

    [Fact]
    public void No_ratings_are_no_ratings()
    {
        var (ratings, problem) = RatingsReader.Read(Matrix, [], Known);

        Assert.Null(problem);
        Assert.Empty(ratings!);
    }

    [Fact]
    public void A_skill_rated_twice_is_refused_naming_every_such_skill_once()
    {
        var (ratings, problem) = RatingsReader.Read(Matrix,
            [new("rest-design", Working), new("postgres", Working), new("rest-design", Working), new("postgres", Expert), new("postgres", null), new("terraform", Working)],
            Known);

        Assert.Null(ratings);
        Assert.Equal("DUPLICATE_SKILL", problem!.Code);
        Assert.Equal(["rest-design", "postgres"], problem.Skills);
        Assert.Contains("rest-design", problem.Message, StringComparison.Ordinal);
        Assert.Contains("postgres", problem.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("terraform", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_skills_are_refused_naming_every_one()
    {
        var (ratings, problem) = RatingsReader.Read(Matrix, [new("rest-design", Working), new("no-such-skill", Working), new("Rest-Design", Working), new("another-typo", null)], Known);

        Assert.Null(ratings);
        Assert.Equal("UNKNOWN_SKILL", problem!.Code);
        // Slugs are matched exactly: a capitalised slug is not the skill.
        Assert.Equal(["no-such-skill", "Rest-Design", "another-typo"], problem.Skills);
        Assert.All(problem.Skills, slug => Assert.Contains(slug, problem.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void Skills_of_another_role_are_refused_naming_every_one_and_the_role()
    {
        var (ratings, problem) = RatingsReader.Read(Matrix, [new("figma", Working), new("postgres", Working), new("css-grid", Expert)], Known);

        Assert.Null(ratings);
        Assert.Equal("SKILL_NOT_IN_ROLE", problem!.Code);
        Assert.Equal(["figma", "css-grid"], problem.Skills);
        Assert.All(problem.Skills, slug => Assert.Contains(slug, problem.Message, StringComparison.Ordinal));
        Assert.Contains(Matrix.Role.Slug, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_skill_with_no_cell_at_some_levels_is_still_the_roles()
    {
        // Terraform has no Junior cell; it is part of the role all the same.
        var (ratings, problem) = RatingsReader.Read(Matrix, [new("terraform", Awareness)], Known);

        Assert.Null(problem);
        Assert.Equal(Awareness, ratings![Matrix.SkillId("Terraform")]);
    }

    [Fact]
    public void Ratings_with_several_problems_are_refused_rather_than_partly_graded()
    {
        // Duplicates are reported first; the point pinned here is that nothing is graded with a problem left in.
        var (ratings, problem) = RatingsReader.Read(Matrix, [new("postgres", Working), new("postgres", Working), new("no-such-skill", Working), new("figma", Working)], Known);

        Assert.Null(ratings);
        Assert.Equal("DUPLICATE_SKILL", problem!.Code);
        Assert.Equal(["postgres"], problem.Skills);

        var (withoutDuplicates, next) = RatingsReader.Read(Matrix, [new("postgres", Working), new("no-such-skill", Working), new("figma", Working)], Known);
        Assert.Null(withoutDuplicates);
        Assert.Equal("UNKNOWN_SKILL", next!.Code);
        Assert.Equal(["no-such-skill"], next.Skills);
    }
}
