using Platform.Data.DataLoaders;
using SkillMatrix.Community.Live;
using SkillMatrix.Community.Data;
using SkillMatrix.Community.Members;
using SkillMatrix.Community.Notifications;
using SkillMatrix.Community.Proposals;
using SkillMatrix.Catalog.Contracts;

namespace SkillMatrix.Community.Comments;

internal sealed class CommentOnProposalInput
{
    public string ProposalId { get; set; } = "";
    public string Body { get; set; } = "";
}

internal sealed class CommentOnProposalInputType : IdInputType<CommentOnProposalInput>
{
    public CommentOnProposalInputType() : base("CommentOnProposalInput", "proposalId")
    {
        Field(i => i.Body).Description(TextLimits.Required(TextLimits.Text));
    }
}

internal sealed record CommentOnProposalPayload(int? CommentId, int? ProposalId) : Payload;

internal sealed class CommentOnProposalPayloadType : ObjectGraphType<CommentOnProposalPayload>
{
    public CommentOnProposalPayloadType()
    {
        Field<CommentType>("comment").Resolve(context => context.LoadByKey<Comment>(context.Source.CommentId));
        this.ProposalField(p => p.ProposalId);
        this.ErrorsField("CommentOnProposalError", typeof(NotFoundError), typeof(ValidationError));
    }
}

internal static class CommentOnProposal
{
    public static async Task<CommentOnProposalPayload> HandleAsync(IResolveFieldContext context)
    {
        var input = context.GetArgument<CommentOnProposalInput>("input");
        var db = context.Community();
        var (proposal, error) = await ProposalLookup.FindAsync(context, input.ProposalId);
        error ??= TextLimits.Check(input.Body, "body", TextLimits.Text);
        if (error is not null)
        {
            return new CommentOnProposalPayload(null, null) { Errors = [error] };
        }

        var author = await context.MemberAsync(db);
        var comment = new Comment
        {
            Proposal = proposal!,
            AuthorId = author.Id,
            Author = author,
            Body = input.Body.Trim(),
            CreatedAt = context.Service<TimeProvider>().GetUtcNow().UtcDateTime,
        };
        db.Comments.Add(comment);
        context.Announce(proposal!, ProposalEventKind.Commented);
        await context.Service<Notifier>().NotifyAsync(proposal!, NotificationKind.ProposalCommented, author.Id, context.CancellationToken);
        await db.SaveChangesAsync(context.CancellationToken);
        return new CommentOnProposalPayload(comment.Id, proposal!.Id);
    }
}
