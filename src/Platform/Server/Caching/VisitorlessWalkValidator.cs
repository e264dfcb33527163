using GraphQL.Validation;

namespace Platform.Server.Caching;

/// <summary>
/// GraphQL.NET's validation, less the document walks no rule takes part in. <see cref="DocumentValidator"/> walks the
/// whole document (with its type tracking) before the variables whenever the rule list is not empty, even when no rule
/// returns a visitor for it. On a cached document the rules are only the request-dependent ones (authorization, cost
/// and rate limit, paging, the selected operation, GET-only-queries), which do their work when asked for their
/// visitors and return none: that walk was a few percent of every cached request, for nothing. This runs the rules'
/// phases in GraphQL.NET's order (pre-node, variables and arguments, post-node) and walks only for the visitors it is
/// given; the variables and arguments are still GraphQL.NET's own (<see cref="DocumentValidator"/> with no rules does
/// exactly that part). With the full rule list (a document not cached yet) every walk happens as before.
/// </summary>
internal sealed class VisitorlessWalkValidator : IDocumentValidator
{
    private readonly DocumentValidator inner = new();

    public Task<IValidationResult> ValidateAsync(in ValidationOptions options)
    {
        var rules = options.Rules ?? DocumentValidator.CoreRules;
        return rules.Any() ? ValidateAsync(options, rules as IReadOnlyCollection<IValidationRule> ?? rules.ToList()) : inner.ValidateAsync(options);
    }

    private async Task<IValidationResult> ValidateAsync(ValidationOptions options, IReadOnlyCollection<IValidationRule> rules)
    {
        options.Schema.Initialize();
        var context = new ValidationContext
        {
            TypeInfo = new TypeInfo(options.Schema),
            Schema = options.Schema,
            Document = options.Document,
            UserContext = options.UserContext,
            Variables = options.Variables,
            Extensions = options.Extensions,
            Operation = options.Operation,
            Metrics = options.Metrics,
            RequestServices = options.RequestServices,
            User = options.User,
            CancellationToken = options.CancellationToken,
        };

        List<INodeVisitor>? visitors = null;
        List<IVariableVisitor>? variableVisitors = null;
        foreach (var rule in rules)
        {
            if (await rule.GetPreNodeVisitorAsync(context).ConfigureAwait(false) is { } visitor)
            {
                (visitors ??= [context.TypeInfo]).Add(visitor);
            }

            if (await rule.GetVariableVisitorAsync(context).ConfigureAwait(false) is { } variableVisitor)
            {
                (variableVisitors ??= []).Add(variableVisitor);
            }
        }

        if (visitors is not null)
        {
            await new BasicVisitor(visitors).VisitAsync(context.Document, new BasicVisitor.State(context)).ConfigureAwait(false);
        }

        if (context.HasErrors)
        {
            return new ValidationResult(context.Errors);
        }

        // Variables and arguments: GraphQL.NET's validator with no rule does only this (and no walk); a rule's variable
        // visitors, which it takes only through rules, each ride on one that has nothing else.
        var parsed = await inner.ValidateAsync(new ValidationOptions
        {
            Schema = options.Schema,
            Document = options.Document,
            Rules = variableVisitors is null ? [] : variableVisitors.Select(visitor => new VariableVisitorRule(visitor)).ToList(),
            UserContext = options.UserContext,
            Metrics = options.Metrics,
            Variables = options.Variables,
            Extensions = options.Extensions,
            Operation = options.Operation,
            RequestServices = options.RequestServices,
            User = options.User,
            CancellationToken = options.CancellationToken,
        }).ConfigureAwait(false);
        if (!parsed.IsValid)
        {
            return parsed;
        }

        // The validator hands out the dictionaries it built, typed read-only; the rules read them from the context.
        context.ArgumentValues = parsed.ArgumentValues as Dictionary<GraphQLParser.AST.GraphQLField, IDictionary<string, GraphQL.Execution.ArgumentValue>>
            ?? parsed.ArgumentValues?.ToDictionary();
        context.DirectiveValues = parsed.DirectiveValues as Dictionary<GraphQLParser.AST.ASTNode, IDictionary<string, GraphQL.Execution.DirectiveInfo>>
            ?? parsed.DirectiveValues?.ToDictionary();

        visitors = null;
        foreach (var rule in rules)
        {
            if (await rule.GetPostNodeVisitorAsync(context).ConfigureAwait(false) is { } visitor)
            {
                (visitors ??= [context.TypeInfo]).Add(visitor);
            }
        }

        if (visitors is not null)
        {
            context.TypeInfo.Clear();
            await new BasicVisitor(visitors).VisitAsync(context.Document, new BasicVisitor.State(context)).ConfigureAwait(false);
        }

        return context.HasErrors || parsed.Variables is not null || parsed.ArgumentValues is not null || parsed.DirectiveValues is not null
            ? new ValidationResult(context.Errors)
            {
                Variables = parsed.Variables,
                ArgumentValues = parsed.ArgumentValues,
                DirectiveValues = parsed.DirectiveValues,
            }
            : parsed;
    }

    /// <summary>Carries another rule's variable visitor into GraphQL.NET's variable parsing.</summary>
    private sealed class VariableVisitorRule(IVariableVisitor visitor) : IValidationRule
    {
        public ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context) => default;

        public ValueTask<IVariableVisitor?> GetVariableVisitorAsync(ValidationContext context) => new(visitor);

        public ValueTask<INodeVisitor?> GetPostNodeVisitorAsync(ValidationContext context) => default;
    }
}
