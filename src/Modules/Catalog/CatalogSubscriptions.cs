using Platform.Data.Events;
using SkillMatrix.Catalog.Data;
using SkillMatrix.Catalog.Live;

namespace SkillMatrix.Catalog;

/// <summary>The Catalog's subscription fields.</summary>
internal static class CatalogSubscriptions
{
    public static void AddTo(ObjectGraphType subscription)
    {
        subscription.Field<NonNullGraphType<RoleEventType>>("roleChanged")
            .Description("Each change of the role's matrix, as it commits (accepted proposals, imports). Public.")
            .Argument<NonNullGraphType<StringGraphType>>("slug", "e.g. backend-developer-python")
            .ResolveStreamAsync(async context =>
            {
                var slug = context.GetArgument<string>("slug");
                if (!await context.Catalog().Roles.AnyAsync(r => r.Slug == slug, context.CancellationToken))
                {
                    throw new ExecutionError($"No role has the slug '{slug}'.") { Code = "NOT_FOUND" };
                }

                return context.Service<IEventBus>().Observe<RoleChanged>(RoleChanged.Topic(slug));
            });
    }
}
