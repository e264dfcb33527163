using SkillMatrix.Community.Data;

namespace SkillMatrix.Community.Members;

internal sealed class MemberType : ObjectGraphType<Member>
{
    public MemberType()
    {
        Description = "A signed-in member of the community.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("The member's subject in the sign-in token.").ResolveFromSource(source => source.Id);
        Field(m => m.Name);
    }
}
