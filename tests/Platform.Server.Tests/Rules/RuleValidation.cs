using System.Security.Claims;
using GraphQL;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQLParser;
using GraphQLParser.AST;
using Microsoft.Extensions.Options;

namespace Platform.Server.Tests.Rules;

/// <summary>
/// Runs GraphQL.NET's document validator with the core rules and one rule of ours, the way GraphQL.NET's own rule
/// tests do: parse the document, pick the operation, validate, and look at the errors (codes, messages, locations).
/// </summary>
internal static class RuleValidation
{
    public static async Task<IValidationResult> ValidateAsync(ISchema schema, string query, IValidationRule rule, Inputs? variables = null,
        IServiceProvider? services = null, ClaimsPrincipal? user = null, IDictionary<string, object?>? userContext = null, string? operationName = null)
    {
        schema.Initialize();
        var document = Parser.Parse(query);
        var operations = document.Definitions.OfType<GraphQLOperationDefinition>().ToList();
        var operation = operationName is null ? operations.Single() : operations.Single(o => o.Name?.StringValue == operationName);
        return await new DocumentValidator().ValidateAsync(new ValidationOptions
        {
            Schema = schema,
            Document = document,
            Operation = operation,
            Rules = DocumentValidator.CoreRules.Append(rule),
            Variables = variables ?? Inputs.Empty,
            RequestServices = services,
            User = user ?? new ClaimsPrincipal(new ClaimsIdentity()),
            UserContext = userContext ?? new Dictionary<string, object?>(),
        });
    }

    /// <summary>The one error, with its code.</summary>
    public static ExecutionError SingleError(this IValidationResult result, string code)
    {
        var error = Assert.Single(result.Errors);
        Assert.Equal(code, error.Code);
        return error;
    }

    /// <summary>Where in the document an error points: (line, column), 1-based.</summary>
    public static (int Line, int Column) Location(this ExecutionError error)
    {
        var location = Assert.Single(error.Locations!);
        return (location.Line, location.Column);
    }
}

/// <summary>Options that never change, for a rule constructed by hand.</summary>
internal sealed class FixedOptions<T>(T value) : IOptionsMonitor<T>
{
    public T CurrentValue => value;

    public T Get(string? name) => value;

    public IDisposable? OnChange(Action<T, string?> listener) => null;
}
