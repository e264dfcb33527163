using GraphQL.Validation;
using GraphQLParser.AST;

namespace Platform.Server.Http;

/// <summary>
/// Refuses any operation but a query on GET. A validation rule, because only the executer knows which operation
/// {query} and {operationName} select, and validation runs before anything executes.
/// </summary>
internal sealed class OnlyQueriesOverGetRule : IValidationRule
{
    public static readonly OnlyQueriesOverGetRule Instance = new();

    private OnlyQueriesOverGetRule() { }

    public ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context)
    {
        if (context.Operation.Operation != OperationType.Query)
        {
            context.ReportError(new OperationNotAllowedOverGetError(context, context.Operation));
        }

        return default;
    }

    public ValueTask<IVariableVisitor?> GetVariableVisitorAsync(ValidationContext context) => default;

    public ValueTask<INodeVisitor?> GetPostNodeVisitorAsync(ValidationContext context) => default;
}
