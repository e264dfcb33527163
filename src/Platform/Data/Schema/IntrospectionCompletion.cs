using GraphQL.Resolvers;
using GraphQL.Utilities;

namespace Platform.Data.Schema;

/// <summary>
/// What the spec's introspection has and GraphQL.NET 8's lacks, so that graphql-js's introspection query with every
/// option (<c>specifiedByUrl</c>, <c>inputValueDeprecation</c>) validates: <c>__Type.specifiedByURL</c> (our scalars
/// name no specification, so it is null, as the spec says for such a scalar and for every other kind of type) and
/// <c>includeDeprecated</c> on <c>__Directive.args</c> (no directive argument here is deprecated, so every one is listed
/// either way).
/// </summary>
internal sealed class IntrospectionCompletion : BaseSchemaNodeVisitor
{
    public override void VisitObject(IObjectGraphType type, ISchema schema)
    {
        if (type.Name == "__Type" && !type.HasField("specifiedByURL"))
        {
            type.AddField(new FieldType
            {
                Name = "specifiedByURL",
                Type = typeof(StringGraphType),
                ResolvedType = schema.AllTypes["String"],
                Resolver = new FuncFieldResolver<object?>(_ => null),
            });
        }

        if (type.Name == "__Directive" && type.GetField("args") is { } args && args.Arguments?.Find("includeDeprecated") is null)
        {
            args.Arguments ??= [];
            args.Arguments.Add(new QueryArgument<BooleanGraphType>
            {
                Name = "includeDeprecated",
                DefaultValue = false,
                ResolvedType = schema.AllTypes["Boolean"],
            });
        }
    }
}
