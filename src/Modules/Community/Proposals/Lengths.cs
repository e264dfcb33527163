using Platform.Data.Schema.Mutations;

namespace SkillMatrix.Community.Proposals;

internal static class Lengths
{
    /// <summary>Null when <paramref name="text"/> has 1 to <paramref name="max"/> characters after trimming.</summary>
    public static ValidationError? Check(string text, string field, int max) =>
        text.Trim().Length is >= 1 and var length && length <= max
            ? null
            : new ValidationError($"'{field}' must have 1 to {max:N0} characters.", field);
}
