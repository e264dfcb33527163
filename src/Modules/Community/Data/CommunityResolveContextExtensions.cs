using GraphQL;
using Microsoft.Extensions.DependencyInjection;

namespace SkillMatrix.Community.Data;

internal static class CommunityResolveContextExtensions
{
    public static CommunityDbContext Community(this IResolveFieldContext context) =>
        context.RequestServices!.GetRequiredService<CommunityDbContext>();

}
