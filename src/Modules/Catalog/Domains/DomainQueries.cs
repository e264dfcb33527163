using GraphQL.Types;
using Platform.Data.Conventions;
using SkillMatrix.Catalog.Data;

namespace SkillMatrix.Catalog.Domains;

internal static class DomainQueries
{
    public static void AddTo(ObjectGraphType query) =>
        query.AddListField<Domain, DomainType>("domains", "Every skill domain, in page order.",
            context => context.Catalog().Domains.OrderBy(d => d.Position).ThenBy(d => d.Id));
}
