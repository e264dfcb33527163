using Microsoft.Extensions.Options;
using SkillMatrix.Catalog.Contracts;

namespace SkillMatrix.Assessment.Grading;

/// <summary>Reads what grading needs from the Catalog, once per role per request, and grades ratings against it.</summary>
internal sealed class Grader(ICatalogReader catalog, IOptions<AssessmentOptions> options)
{
    private readonly Dictionary<int, Task<RoleMatrix?>> matrices = [];

    public Task<RoleMatrix?> MatrixAsync(int roleId, CancellationToken cancellationToken)
    {
        if (!matrices.TryGetValue(roleId, out var matrix))
        {
            matrix = catalog.GetMatrixAsync(roleId, cancellationToken);
            matrices.Add(roleId, matrix);
        }

        return matrix;
    }

    /// <summary>The role's matrix and the ratings by skill id; or the problem that refuses them, naming the culprits.</summary>
    public async Task<(RoleMatrix? Matrix, IReadOnlyDictionary<int, Proficiency?>? Ratings, RatingsProblem? Problem)> ReadAsync(
        string roleSlug, IReadOnlyList<RatingInput> ratings, CancellationToken cancellationToken)
    {
        var role = await catalog.FindRoleAsync(roleSlug, cancellationToken);
        var matrix = role is null ? null : await MatrixAsync(role.Id, cancellationToken);
        if (matrix is null)
        {
            return (null, null, new RatingsProblem("ROLE_NOT_FOUND", $"No role has the slug '{roleSlug}'.", []));
        }

        var slugs = ratings.Select(r => r.Skill).Distinct().ToArray();
        var known = (await catalog.FindSkillsAsync(slugs, cancellationToken)).Select(s => s.Slug).ToHashSet();
        var (byId, problem) = RatingsReader.Read(matrix, ratings, known);
        return (matrix, byId, problem);
    }

    public GradeEstimate Estimate(RoleMatrix matrix, IReadOnlyDictionary<int, Proficiency?> ratings) =>
        GradeCalculator.Estimate(matrix, ratings, options.Value.CoverageThreshold);
}
