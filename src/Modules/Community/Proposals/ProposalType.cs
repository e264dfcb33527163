using Platform.Data.Conventions.Paging;
using SkillMatrix.Catalog.Contracts;
using SkillMatrix.Community.Comments;
using SkillMatrix.Community.Data;
using SkillMatrix.Community.Members;
using SkillMatrix.Community.Reviews;
using SkillMatrix.Community.Votes;

namespace SkillMatrix.Community.Proposals;

internal sealed class ProposalType : NodeGraphType<Proposal>
{
    public ProposalType() : base("A member's suggested change to one cell of a role's matrix.", p => p.Id)
    {
        this.RoleField("role", p => p.RoleId)
            .Description("The role whose matrix the proposal changes.");
        Field(p => p.RoleSlug).Description("The slug of the role, to filter and sort by.");
        Field(p => p.Status, typeof(NonNullGraphType<ProposalStatusType>));
        Field(p => p.Title);
        Field(p => p.Rationale);
        Field<NonNullGraphType<RequirementChangeType>>("change")
            .Description("What the proposal would do to the matrix.")
            .ResolveFromSource(source => source)
            .DependsOn(p => p.SkillName, p => p.DomainName, p => p.LevelId, p => p.From, p => p.To, p => p.Mandatory);
        Field(p => p.Author, typeof(NonNullGraphType<MemberType>));
        this.UtcDateTimeField(p => p.CreatedAt);
        this.UtcDateTimeField(p => p.UpdatedAt);
        Field(p => p.Score).Description("Up votes minus down votes.");
        Field(p => p.UpVotes);
        Field(p => p.DownVotes);
        Field<VoteValueType>("viewerVote")
            .Description("The signed-in viewer's vote; null when none or not signed in.")
            .Resolve(context => context.Service<ViewerVoteLoader>().Load(context, context.Source.Id));
        this.AddConnectionField<Comment, CommentType>("comments", "The proposal's comments, oldest first.",
            context => context.Community().Comments.Where(c => c.ProposalId == ((Proposal)context.Source!).Id), c => c.Id);
        Field<ReviewType>("review").Description("The expert review; null until reviewed.").ResolveFromSource(source => source.Review);
    }
}

/// <summary>The change a proposal carries, read from the proposal's own columns.</summary>
internal sealed class RequirementChangeType : ObjectGraphType<Proposal>
{
    public RequirementChangeType()
    {
        Description = "A change to one cell: from null is a new cell (or a new skill), to null removes the cell.";
        Field<NonNullGraphType<StringGraphType>>("skill").Description("The skill's name.").ResolveFromSource(source => source.SkillName);
        Field<NonNullGraphType<StringGraphType>>("domain").Description("The skill's domain's name.").ResolveFromSource(source => source.DomainName);
        this.LevelField("level", p => p.LevelId);
        this.ProficiencyField("from", p => p.From);
        this.ProficiencyField("to", p => p.To);
        Field<BooleanGraphType>("mandatory").ResolveFromSource(source => source.To is null ? null : source.Mandatory);
    }
}
