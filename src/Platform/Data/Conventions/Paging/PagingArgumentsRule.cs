using GraphQL.Execution;
using GraphQL.Validation;
using GraphQLParser.AST;

namespace Platform.Data.Conventions.Paging;

/// <summary>
/// Refuses a page that cannot be served before anything runs: <c>first</c> or <c>last</c> below zero or above
/// <see cref="ConnectionFieldExtensions.MaxPageSize"/>, or both at once. As validation errors the request gets the
/// spec's status (400 under <c>application/graphql-response+json</c>) and no partial data, as HotChocolate answers
/// them. Runs once the arguments are known (variables included), so on a cached document too. The resolver keeps
/// the same checks for whoever calls it without this rule.
/// </summary>
internal sealed class PagingArgumentsRule : ValidationRuleBase
{
    public override ValueTask<INodeVisitor?> GetPostNodeVisitorAsync(ValidationContext context)
    {
        foreach (var (field, arguments) in context.ArgumentValues ?? [])
        {
            // Only connection fields take `first` and `last` (ConnectionFieldExtensions adds them).
            var first = SizeOf(arguments, "first");
            var last = SizeOf(arguments, "last");
            if (first is not null && last is not null)
            {
                context.ReportError(new PagingError(context, field, "PAGING_INVALID", "Pass either 'first' or 'last', not both."));
            }
            else if ((first ?? last) is { } size && (first is not null ? "first" : "last") is var name)
            {
                if (size < 0)
                {
                    context.ReportError(new PagingError(context, field, "PAGING_INVALID", $"'{name}' must not be negative."));
                }
                else if (size > ConnectionFieldExtensions.MaxPageSize)
                {
                    context.ReportError(new PagingError(context, field, "PAGE_SIZE_EXCEEDED",
                        $"'{name}' is {size}, but a page holds at most {ConnectionFieldExtensions.MaxPageSize} items.",
                        new Dictionary<string, object?> { ["maxPageSize"] = ConnectionFieldExtensions.MaxPageSize, ["requested"] = size }));
                }
            }
        }

        return default;
    }

    private static long? SizeOf(IDictionary<string, ArgumentValue> arguments, string name) =>
        arguments.TryGetValue(name, out var value) ? value.Value switch
        {
            int i => i,
            long l => l,
            _ => null,
        } : null;

    private sealed class PagingError : ValidationError
    {
        public PagingError(ValidationContext context, GraphQLField field, string code, string message, Dictionary<string, object?>? extensions = null)
            : base(context.Document.Source, null, message, field)
        {
            Code = code;
            if (extensions is not null)
            {
                Extensions = extensions;
            }
        }
    }
}
