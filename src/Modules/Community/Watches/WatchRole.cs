using SkillMatrix.Catalog.Contracts;
using SkillMatrix.Community.Data;
using SkillMatrix.Community.Members;

namespace SkillMatrix.Community.Watches;

internal sealed class RoleSlugInput
{
    public string RoleSlug { get; set; } = "";
}

/// <summary><c>{name} { roleSlug }</c>: watching and unwatching take the same input under their own names.</summary>
internal abstract class RoleSlugInputType : InputObjectGraphType<RoleSlugInput>
{
    protected RoleSlugInputType(string name)
    {
        Name = name;
        Field(i => i.RoleSlug);
    }
}

internal sealed class WatchRoleInputType() : RoleSlugInputType("WatchRoleInput");

internal sealed class UnwatchRoleInputType() : RoleSlugInputType("UnwatchRoleInput");

internal sealed record WatchRolePayload(int? RoleId) : Payload;

internal abstract class RolePayloadType : ObjectGraphType<WatchRolePayload>
{
    protected RolePayloadType(string name, string errorUnion)
    {
        Name = name;
        this.RoleField("role", p => p.RoleId);
        this.ErrorsField(errorUnion, typeof(NotFoundError));
    }
}

internal sealed class WatchRolePayloadType() : RolePayloadType("WatchRolePayload", "WatchRoleError");

internal sealed class UnwatchRolePayloadType() : RolePayloadType("UnwatchRolePayload", "UnwatchRoleError");

internal static class UnwatchRole
{
    public static Task<WatchRolePayload> HandleAsync(IResolveFieldContext context) => WatchRole.SetAsync(context, watch: false);
}

/// <summary>Watching and unwatching are idempotent: the state asked for is the state after, whatever it was before.</summary>
internal static class WatchRole
{
    public static Task<WatchRolePayload> HandleAsync(IResolveFieldContext context) => SetAsync(context, watch: true);

    public static async Task<WatchRolePayload> SetAsync(IResolveFieldContext context, bool watch)
    {
        var input = context.GetArgument<RoleSlugInput>("input");
        var db = context.Community();
        var role = await context.Service<ICatalogReader>().FindRoleAsync(input.RoleSlug, context.CancellationToken);
        if (role is null)
        {
            return new WatchRolePayload((int?)null) { Errors = [new NotFoundError($"No role has the slug '{input.RoleSlug}'.")] };
        }

        var member = await context.MemberAsync(db);
        var existing = await db.Watches.FirstOrDefaultAsync(w => w.RoleId == role.Id && w.MemberId == member.Id, context.CancellationToken);
        if (watch && existing is null)
        {
            db.Watches.Add(new Watch { RoleId = role.Id, MemberId = member.Id, At = context.Service<TimeProvider>().GetUtcNow().UtcDateTime });
        }
        else if (!watch && existing is not null)
        {
            db.Watches.Remove(existing);
        }

        await db.SaveChangesAsync(context.CancellationToken);
        return new WatchRolePayload(role.Id);
    }
}
