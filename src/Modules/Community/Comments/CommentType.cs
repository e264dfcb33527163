using SkillMatrix.Community.Data;
using SkillMatrix.Community.Members;

namespace SkillMatrix.Community.Comments;

internal sealed class CommentType : NodeGraphType<Comment>
{
    public CommentType() : base(c => c.Id)
    {
        Field(c => c.Body);
        Field(c => c.Author, typeof(NonNullGraphType<MemberType>));
        this.UtcDateTimeField(c => c.CreatedAt);
    }
}
