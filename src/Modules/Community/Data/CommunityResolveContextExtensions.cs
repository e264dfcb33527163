namespace SkillMatrix.Community.Data;

internal static class CommunityResolveContextExtensions
{
    /// <summary>The request's CommunityDbContext; fields run one at a time, so they can share it.</summary>
    public static CommunityDbContext Community(this IResolveFieldContext context) => context.Service<CommunityDbContext>();
}
