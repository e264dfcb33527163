using SkillMatrix.Community.Data;
using SkillMatrix.Community.Members;

namespace SkillMatrix.Community.Comments;

internal sealed class CommentType : NodeGraphType<Comment>
{
    public CommentType()
        : base(c => c.Id)
    {
        Field(c => c.Body);
        Field<NonNullGraphType<MemberType>>("author").Resolve(context => context.Source.Author);
        this.UtcDateTimeField(c => c.CreatedAt);
    }
}
