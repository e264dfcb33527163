using Platform.Data.Execution;
using GraphQL.Resolvers;
using Platform.Data.Persistence;

namespace Platform.Data.Schema.Mutations;

/// <summary>What every mutation answers: its result, or the expected failures that stopped it.</summary>
public abstract record Payload
{
    /// <summary>Null when the mutation did what it was asked.</summary>
    public IReadOnlyList<MutationError>? Errors { get; init; }
}

public static class MutationFieldExtensions
{
    /// <summary>
    /// Adds <c>name(input: XInput!): XPayload!</c>, the contract's mutation shape. <paramref name="handle"/> runs in one
    /// transaction across modules; a payload with errors (or an exception) rolls it back, so nothing is left behind.
    /// </summary>
    public static FieldType AddMutation<TInputGraphType, TPayloadGraphType, TPayload>(this ObjectGraphType mutation, string name, string description,
        Func<IResolveFieldContext, Task<TPayload>> handle)
        where TInputGraphType : IInputObjectGraphType where TPayloadGraphType : IObjectGraphType where TPayload : Payload
    {
        var field = new FieldType
        {
            Name = name,
            Description = description,
            Type = typeof(NonNullGraphType<TPayloadGraphType>),
            Arguments = new QueryArguments(new QueryArgument<NonNullGraphType<TInputGraphType>> { Name = "input" }),
            Resolver = new FuncFieldResolver<object>(async context =>
                await context.RequestServices!.GetRequiredService<ModuleTransaction>()
                    .RunAsync(() => handle(context), payload => payload.Errors is null, context.CancellationToken)),
        };
        mutation.AddField(field);
        return field;
    }

    /// <summary>A payload's <c>errors: [{union}!]</c> field.</summary>
    public static void ErrorsField<TPayload>(this ObjectGraphType<TPayload> payload, string unionName, params Type[] errors) where TPayload : Payload =>
        payload.Field("errors", new ListGraphType(new NonNullGraphType(MutationErrorTypes.Union(unionName, errors))))
            .Description("Why the mutation did nothing; null when it succeeded.")
            .ResolveFromSource(source => source.Errors);
}

/// <summary>
/// <c>{name} { {idField}: ID! ... }</c>: the input of a mutation that acts on one object named by its global id; a
/// derived input adds its other fields after the id.
/// </summary>
public abstract class IdInputType<TInput> : InputObjectGraphType<TInput>
{
    protected IdInputType(string name, string idField)
    {
        Name = name;
        Field<NonNullGraphType<IdGraphType>>(idField);
    }
}
