using System.Collections;
using GraphQL.Validation;
using GraphQLParser.AST;
using Microsoft.AspNetCore.Authorization;
using Platform.Data.Operations;

namespace Platform.Server.Security;

/// <summary>
/// Enforces GraphQL.NET's authorization metadata (<c>Authorize()</c>, <c>AuthorizeWithRoles</c>,
/// <c>AuthorizeWithPolicy</c>, <c>AllowAnonymous()</c>) on what the selected operation would touch, before anything
/// executes:
/// <list type="bullet">
/// <item>the schema;</item>
/// <item>each selected field, and the object or interface type it is selected on (the root Query or Mutation
/// type included), unless the field allows anonymous access: a type's requirement applies to its fields that do not;</item>
/// <item>leaf return types (scalars, enums);</item>
/// <item>each argument given, its input type, the input object fields and enum values given in it, whether as
/// literals, as variables or as a variable's default.</item>
/// </list>
/// The walk follows the operation as it will run: fields and fragments dropped by <c>@skip</c>/<c>@include</c> are
/// not checked, fragments are checked where they are spread, and other operations in the document are ignored.
/// It runs after variables and arguments are parsed (the post-node phase), so it sees the values the request carries;
/// that phase only runs when the document is otherwise valid, so a request refused here was refused for authorization
/// alone. A type's requirements are checked statically on the types the document names: an interface field is checked
/// against the interface, not each type that may implement it.
/// </summary>
internal sealed class FieldAuthorizationRule : IValidationRule
{
    public ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context) => default;

    public ValueTask<IVariableVisitor?> GetVariableVisitorAsync(ValidationContext context) => default;

    public async ValueTask<INodeVisitor?> GetPostNodeVisitorAsync(ValidationContext context)
    {
        await new Walk(context).RunAsync();
        // The walk already reported its errors; no visitor is needed for the document-order pass.
        return null;
    }

    private sealed class Walk(ValidationContext context)
    {
        // Each element is judged once per request: one error per refused element is enough, and policies run once.
        private readonly HashSet<object> judged = new(ReferenceEqualityComparer.Instance);
        private IAuthorizationService? authorization;

        public async Task RunAsync()
        {
            var operation = context.Operation;
            if (Requires(context.Schema))
            {
                await RequireAsync(context.Schema, operation, "this schema");
            }

            foreach (var (parent, field, definition) in new SelectedFields(context).Of(operation))
            {
                await JudgeFieldAsync(parent, field, definition);
            }
        }

        // The descriptions name what was refused: they are written only for an element that requires something, since
        // building them for every selected field, argument and input value was a share of every request's allocations.
        private async Task JudgeFieldAsync(IGraphType parent, GraphQLField field, FieldType definition)
        {
            if (!definition.IsAnonymousAllowed() && Requires(parent))
            {
                await RequireAsync(parent, field, $"type '{parent.Name}'");
            }

            if (Requires(definition))
            {
                await RequireAsync(definition, field, $"field '{parent.Name}.{definition.Name}'");
            }

            foreach (var argument in field.Arguments?.Items ?? [])
            {
                if (definition.Arguments?.Find(argument.Name.StringValue) is { } argumentDefinition)
                {
                    string What() => $"argument '{parent.Name}.{definition.Name}({argumentDefinition.Name}:)'";
                    if (Requires(argumentDefinition))
                    {
                        await RequireAsync(argumentDefinition, argument, What());
                    }

                    await VisitInputAsync(argumentDefinition.ResolvedType, argument.Value, argument, What);
                }
            }

            if (field.SelectionSet is null && definition.ResolvedType!.GetNamedType() is var returned && Requires(returned))
            {
                await RequireAsync(returned, field, $"type '{returned.Name}'");
            }
        }

        /// <summary>An input value written in the document (or a variable standing for one) at a position of <paramref name="type"/>.</summary>
        private async Task VisitInputAsync(IGraphType? type, GraphQLValue value, ASTNode node, Func<string> what)
        {
            if (type is null || value is GraphQLNullValue)
            {
                return;
            }

            if (value is GraphQLVariable variable)
            {
                var name = variable.Name.StringValue;
                if (context.Variables?.TryGetValue(name, out var supplied) == true)
                {
                    await VisitSuppliedInputAsync(type, supplied, node, what);
                }
                else if (context.Operation.Variables?.Items.FirstOrDefault(v => v.Variable.Name.StringValue == name)?.DefaultValue is { } defaultValue)
                {
                    await VisitInputAsync(type, defaultValue, node, what);
                }

                return;
            }

            switch (type)
            {
                case NonNullGraphType nonNull:
                    await VisitInputAsync(nonNull.ResolvedType, value, node, what);
                    break;

                case ListGraphType list when value is GraphQLListValue items:
                    foreach (var item in items.Values ?? [])
                    {
                        await VisitInputAsync(list.ResolvedType, item, node, what);
                    }

                    break;

                case ListGraphType list:
                    // A single value where a list is expected is coerced to a list of one.
                    await VisitInputAsync(list.ResolvedType, value, node, what);
                    break;

                case IInputObjectGraphType input:
                    if (Requires(input))
                    {
                        await RequireAsync(input, node, $"input type '{input.Name}' in {what()}");
                    }

                    foreach (var objectField in (value as GraphQLObjectValue)?.Fields ?? [])
                    {
                        if (input.GetField(objectField.Name.Value) is { } fieldDefinition)
                        {
                            string FieldWhat() => $"input field '{input.Name}.{fieldDefinition.Name}'";
                            if (Requires(fieldDefinition))
                            {
                                await RequireAsync(fieldDefinition, objectField, FieldWhat());
                            }

                            await VisitInputAsync(fieldDefinition.ResolvedType, objectField.Value, objectField, FieldWhat);
                        }
                    }

                    break;

                case EnumerationGraphType enumeration when value is GraphQLEnumValue enumValue:
                    await RequireEnumAsync(enumeration, enumeration.Values.FindByName(enumValue.Name.Value), node, what);
                    break;

                default:
                    if (Requires(type))
                    {
                        await RequireAsync(type, node, $"type '{type.Name}' in {what()}");
                    }

                    break;
            }
        }

        /// <summary>A value from the request's variables (deserialized JSON: dictionaries, lists, scalars).</summary>
        private async Task VisitSuppliedInputAsync(IGraphType type, object? supplied, ASTNode node, Func<string> what)
        {
            if (supplied is null)
            {
                return;
            }

            switch (type)
            {
                case NonNullGraphType nonNull:
                    await VisitSuppliedInputAsync(nonNull.ResolvedType!, supplied, node, what);
                    break;

                case ListGraphType list when supplied is IEnumerable items and not string and not IDictionary and not IReadOnlyDictionary<string, object?>:
                    foreach (var item in items)
                    {
                        await VisitSuppliedInputAsync(list.ResolvedType!, item, node, what);
                    }

                    break;

                case ListGraphType list:
                    await VisitSuppliedInputAsync(list.ResolvedType!, supplied, node, what);
                    break;

                case IInputObjectGraphType input:
                    if (Requires(input))
                    {
                        await RequireAsync(input, node, $"input type '{input.Name}' in {what()}");
                    }

                    foreach (var (name, fieldValue) in Entries(supplied))
                    {
                        if (input.GetField(name) is { } fieldDefinition)
                        {
                            string FieldWhat() => $"input field '{input.Name}.{fieldDefinition.Name}'";
                            if (Requires(fieldDefinition))
                            {
                                await RequireAsync(fieldDefinition, node, FieldWhat());
                            }

                            await VisitSuppliedInputAsync(fieldDefinition.ResolvedType!, fieldValue, node, FieldWhat);
                        }
                    }

                    break;

                case EnumerationGraphType enumeration:
                    await RequireEnumAsync(enumeration, supplied is string enumName ? enumeration.Values.FindByName(enumName) : null, node, what);
                    break;

                default:
                    if (Requires(type))
                    {
                        await RequireAsync(type, node, $"type '{type.Name}' in {what()}");
                    }

                    break;
            }
        }

        private static IEnumerable<(string Name, object? Value)> Entries(object supplied) => supplied switch
        {
            IReadOnlyDictionary<string, object?> readOnly => readOnly.Select(e => (e.Key, e.Value)),
            IDictionary<string, object?> dictionary => dictionary.Select(e => (e.Key, e.Value)),
            _ => [],
        };

        private async Task RequireEnumAsync(EnumerationGraphType enumeration, EnumValueDefinition? value, ASTNode node, Func<string> what)
        {
            if (Requires(enumeration))
            {
                await RequireAsync(enumeration, node, $"type '{enumeration.Name}' in {what()}");
            }

            if (value is not null && Requires(value))
            {
                await RequireAsync(value, node, $"value '{enumeration.Name}.{value.Name}' in {what()}");
            }
        }

        private static bool Requires(IMetadataReader element) =>
            element.IsAuthorizationRequired() || element.GetRoles() is { Count: > 0 } || element.GetPolicies() is { Count: > 0 };

        /// <summary>Judges an element that <see cref="Requires"/> something, once per request.</summary>
        private async Task RequireAsync(IMetadataReader element, ASTNode node, string what)
        {
            if (!judged.Add(element))
            {
                return;
            }

            var roles = element.GetRoles();
            var policies = element.GetPolicies();

            var user = context.User;
            if (!user.IsSignedIn())
            {
                Report(node, AuthorizationErrorCodes.NotAuthenticated, $"You must be signed in to access {what}.");
                return;
            }

            // As in ASP.NET Core, listed roles are alternatives: any one of them will do.
            if (roles is { Count: > 0 } && !roles.Any(user!.IsInRole))
            {
                var names = string.Join(" or ", roles.Select(r => $"'{r}'"));
                Report(node, AuthorizationErrorCodes.NotAuthorized, $"Access to {what} requires the role {names}.");
                return;
            }

            // Policies, by contrast, must all succeed.
            foreach (var policy in policies ?? [])
            {
                authorization ??= context.RequestServices?.GetService<IAuthorizationService>()
                    ?? throw new InvalidOperationException($"{what} requires the policy '{policy}', but no IAuthorizationService is registered (services.AddAuthorization()).");
                var result = await authorization.AuthorizeAsync(user!, resource: context, policy);
                if (!result.Succeeded)
                {
                    Report(node, AuthorizationErrorCodes.NotAuthorized, $"Access to {what} is denied by the policy '{policy}'.");
                    return;
                }
            }
        }

        private void Report(ASTNode node, string code, string message) =>
            context.ReportError(new AuthorizationError(context, node, code, message));
    }

    /// <summary>
    /// The fields the operation selects, each where it is selected (parent first, then what it selects), each fragment
    /// once: a fragment's checks do not depend on where it is spread, since its type condition fixes its type.
    /// __typename, __schema and __type describe the schema, which is public; their types carry no metadata of ours.
    /// </summary>
    private sealed class SelectedFields(ValidationContext context)
        : OperationWalker<bool, bool>(context.Schema, context.Document, IncludedIn(context))
    {
        private readonly List<(IGraphType Parent, GraphQLField Field, FieldType Definition)> fields = [];

        protected override bool Empty => false;

        public List<(IGraphType Parent, GraphQLField Field, FieldType Definition)> Of(GraphQLOperationDefinition operation)
        {
            if (RootType(operation) is { } root)
            {
                SelectionSet(root, operation.SelectionSet, false);
            }

            return fields;
        }

        protected override bool Combine(bool left, bool right) => left | right;

        protected override bool Repeated(bool result) => false;

        protected override bool Field(IGraphType? parent, GraphQLField field, FieldType? definition, bool scope)
        {
            if (parent is null || definition is null)
            {
                return false;
            }

            fields.Add((parent, field, definition));
            if (field.SelectionSet is { } selectionSet)
            {
                SelectionSet(definition.ResolvedType!.GetNamedType(), selectionSet, scope);
            }

            return true;
        }

        // A type condition the schema lacks is KnownTypeNames' error; this phase never sees it.
        protected override bool TypeWithin(IGraphType? parent, GraphQLTypeCondition? condition, out IGraphType? type)
        {
            type = condition is null ? parent : Schema.AllTypes[condition.Type.Name.StringValue];
            return type is not null;
        }
    }
}
