using GraphQL;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;
using Platform.Data.Conventions;
using Platform.Data.Conventions.Paging;
using SkillMatrix.Catalog.Data;

namespace SkillMatrix.Catalog.Roles;

internal static class RoleQueries
{
    public static void AddTo(ObjectGraphType query)
    {
        query.AddConnectionField<Role, RoleType>("roles", "Every role, as a connection.", context => context.Catalog().Roles, r => r.Id);

        query.Field<RoleType>("role")
            .Description("The role with this slug, or null.")
            .Argument<NonNullGraphType<StringGraphType>>("slug", "e.g. backend-developer-python")
            .ResolveAsync(async context =>
            {
                var slug = context.GetArgument<string>("slug");
                return await context.Catalog().Roles
                    .Where(r => r.Slug == slug)
                    .Project(context, Selection.Of(context))
                    .FirstOrDefaultAsync(context.CancellationToken);
            });
    }
}
