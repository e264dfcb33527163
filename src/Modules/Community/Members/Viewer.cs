using Platform.Data.Persistence;
using Platform.Server.Security;
using SkillMatrix.Community.Data;

namespace SkillMatrix.Community.Members;

/// <summary>The signed-in member of a request, from the token's <c>sub</c> and <c>name</c> claims.</summary>
internal static class Viewer
{
    public static string? MemberId(this IResolveFieldContext context) => context.User.GetMemberId();

    /// <summary>
    /// The member doing a mutation, recorded (or renamed) in the members table. The field's authorization has
    /// already refused anonymous requests, so a missing subject here is a bug, not a user error. The member's row is
    /// locked until the mutation ends, so one member's mutations take turns (the same suggestion sent twice finds the
    /// first); a member's first two mutations at once both insert the row, and the loser's unique violation re-runs it.
    /// </summary>
    public static async Task<Member> MemberAsync(this IResolveFieldContext context, CommunityDbContext db)
    {
        var id = context.MemberId() ?? throw new InvalidOperationException("A signed-in member is required; the field's authorization should have refused the request.");
        var name = context.User.GetMemberName() ?? id;
        var member = await db.Members.ForUpdate().FirstOrDefaultAsync(m => m.Id == id, context.CancellationToken);
        if (member is null)
        {
            member = new Member { Id = id, Name = name };
            db.Members.Add(member);
        }
        else if (member.Name != name)
        {
            member.Name = name;
        }

        return member;
    }
}
