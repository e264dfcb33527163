namespace SkillMatrix.Catalog.Seeding;

/// <summary>
/// A seed page that does not follow the page-text format. The message reads
/// <c>file:line: expected ..., found '...'</c> so that whoever edits the file can go straight to the line.
/// </summary>
internal sealed class SeedFormatException(string fileName, int line, string problem)
    : Exception($"{fileName}:{line}: {problem}")
{
    public string FileName { get; } = fileName;

    /// <summary>1-based; for a problem at the end of the file, the line after the last one.</summary>
    public int Line { get; } = line;

    /// <summary>The message without the <c>file:line:</c> prefix.</summary>
    public string Problem { get; } = problem;
}
