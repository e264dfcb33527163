namespace Platform.Data.Schema.Mutations;

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

/// <summary>An error type of the payload unions: named after its record, told apart by it, with its message.</summary>
internal abstract class MutationErrorType<TError> : ObjectGraphType<TError> where TError : MutationError
{
    protected MutationErrorType(string description)
    {
        Name = typeof(TError).Name;
        Description = description;
        IsTypeOf = value => value is TError;
        Interface<ErrorInterfaceType>();
        Field(e => e.Message);
    }
}

internal sealed class NotFoundErrorType() : MutationErrorType<NotFoundError>("Something the mutation refers to does not exist.");

internal sealed class NotAllowedErrorType() : MutationErrorType<NotAllowedError>("The viewer may not do this, or not now.");

internal sealed class ConflictErrorType() : MutationErrorType<ConflictError>("The data changed in a way that makes the mutation impossible.");

internal sealed class ValidationErrorType : MutationErrorType<ValidationError>
{
    public ValidationErrorType() : base("An input value is not acceptable.") =>
        Field(e => e.Field, nullable: true).Description("The input field at fault.");
}
