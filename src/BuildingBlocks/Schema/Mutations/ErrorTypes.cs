using GraphQL.Types;

namespace SkillMatrix.BuildingBlocks.Schema.Mutations;

/// <summary>
/// An expected failure of a mutation (not found, not allowed, invalid, conflict), answered in the payload's
/// <c>errors</c> rather than as a GraphQL error, as the contract's mutation convention says.
/// </summary>
public abstract record MutationError(string Message);

public sealed record NotFoundError(string Message) : MutationError(Message);

public sealed record ValidationError(string Message, string? Field) : MutationError(Message);

public sealed record NotAllowedError(string Message) : MutationError(Message);

public sealed record ConflictError(string Message) : MutationError(Message);

/// <summary><c>interface Error { message: String! }</c>.</summary>
internal sealed class ErrorInterfaceType : InterfaceGraphType<MutationError>
{
    public ErrorInterfaceType()
    {
        Name = "Error";
        Description = "An expected failure of a mutation.";
        Field(e => e.Message);
    }
}

internal sealed class NotFoundErrorType : ObjectGraphType<NotFoundError>
{
    public NotFoundErrorType()
    {
        Name = "NotFoundError";
        IsTypeOf = value => value is NotFoundError;
        Description = "Something the mutation refers to does not exist.";
        Interface<ErrorInterfaceType>();
        Field(e => e.Message);
    }
}

internal sealed class ValidationErrorType : ObjectGraphType<ValidationError>
{
    public ValidationErrorType()
    {
        Name = "ValidationError";
        IsTypeOf = value => value is ValidationError;
        Description = "An input value is not acceptable.";
        Interface<ErrorInterfaceType>();
        Field(e => e.Message);
        Field(e => e.Field, nullable: true).Description("The input field at fault.");
    }
}

internal sealed class NotAllowedErrorType : ObjectGraphType<NotAllowedError>
{
    public NotAllowedErrorType()
    {
        Name = "NotAllowedError";
        IsTypeOf = value => value is NotAllowedError;
        Description = "The viewer may not do this, or not now.";
        Interface<ErrorInterfaceType>();
        Field(e => e.Message);
    }
}

internal sealed class ConflictErrorType : ObjectGraphType<ConflictError>
{
    public ConflictErrorType()
    {
        Name = "ConflictError";
        IsTypeOf = value => value is ConflictError;
        Description = "The data changed in a way that makes the mutation impossible.";
        Interface<ErrorInterfaceType>();
        Field(e => e.Message);
    }
}
