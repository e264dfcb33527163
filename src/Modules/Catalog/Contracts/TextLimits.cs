namespace SkillMatrix.Catalog.Contracts;

/// <summary>
/// The lengths of the text the modules store, one definition for the columns (<c>HasMaxLength</c>), the checks of
/// inputs and seed pages, and the schema's descriptions, so the three cannot drift apart. Here because every module
/// reads the Catalog's contracts, and a proposal or an assessment keeps copies of catalog names and slugs.
/// SQLite does not enforce a column's length (PostgreSQL does), so the checks are what holds the line.
/// </summary>
public static class TextLimits
{
    /// <summary>A slug or a name: of a role, a family, a skill, a domain; a member's id and name.</summary>
    public const int Name = 200;

    /// <summary>A level's key, e.g. LEAD_STAFF.</summary>
    public const int Key = 40;

    /// <summary>A proposal's title.</summary>
    public const int Title = 120;

    /// <summary>A role's summary.</summary>
    public const int Summary = 2000;

    /// <summary>A paragraph: a level's focus, a proposal's rationale, a comment, a review's note.</summary>
    public const int Text = 4000;

    /// <summary>A required input's description: <c>1 to 4,000 characters.</c></summary>
    public static string Required(int max) => $"1 to {max:N0} characters.";

    /// <summary>Null when <paramref name="text"/> has 1 to <paramref name="max"/> characters after trimming.</summary>
    public static ValidationError? Check(string text, string field, int max) =>
        text.Trim().Length is >= 1 and var length && length <= max
            ? null
            : new ValidationError($"'{field}' must have 1 to {max:N0} characters.", field);
}
