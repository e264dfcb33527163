namespace Platform.Data.Schema.Mutations;

public static class MutationErrorTypes
{
    /// <summary>
    /// The union <c>{name}</c> of the error types a mutation can return, e.g. <c>SuggestChangeError</c>; the errors
    /// are told apart by their record class (each error type's IsTypeOf).
    /// </summary>
    public static UnionGraphType Union(string name, params Type[] errors)
    {
        var union = new UnionGraphType { Name = name, Description = "The expected failures of the mutation." };
        foreach (var error in errors)
        {
            union.Type(GraphTypeOf(error));
        }
        return union;
    }

    private static Type GraphTypeOf(Type error) =>
        error == typeof(NotFoundError) ? typeof(NotFoundErrorType)
        : error == typeof(ValidationError) ? typeof(ValidationErrorType)
        : error == typeof(NotAllowedError) ? typeof(NotAllowedErrorType)
        : error == typeof(ConflictError) ? typeof(ConflictErrorType)
        : throw new ArgumentException($"{error.Name} is not a mutation error.", nameof(error));
}
