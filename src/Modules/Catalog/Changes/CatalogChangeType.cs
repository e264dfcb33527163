using SkillMatrix.Catalog.Data;

namespace SkillMatrix.Catalog.Changes;

internal sealed class CatalogChangeType : ObjectGraphType<CatalogChange>
{
    public CatalogChangeType()
    {
        Description = "One entry of a role's changelog.";
        Field(c => c.Version).Description("The role's version after the change.");
        Field(c => c.Summary);
        Field<IdGraphType>("proposalId").Description("The accepted proposal that made the change; null for an import.").ResolveFromSource(source => source.ProposalId);
        this.UtcDateTimeField(c => c.At);
    }
}
