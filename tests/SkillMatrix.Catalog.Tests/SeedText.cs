namespace SkillMatrix.Catalog.Tests;

/// <summary>The real seed page (copied to the test output by the csproj) and edits of it for the tests.</summary>
internal static class SeedText
{
    public const string FileName = "backend-developer-python.txt";

    public static string FilePath { get; } = Path.Combine(AppContext.BaseDirectory, "seeds", FileName);

    public static string Original { get; } = File.ReadAllText(FilePath);

    /// <summary>
    /// The page with line <paramref name="number"/> (1-based) replaced. The old text is checked so that an
    /// edit to the seed file breaks the test loudly instead of making the edit a silent no-op; the other
    /// lines keep their numbers (unless the replacement itself holds a line break).
    /// </summary>
    public static string WithLine(int number, string expected, string replacement) =>
        WithLine(Original, number, expected, replacement);

    public static string WithLine(string text, int number, string expected, string replacement)
    {
        var lines = text.Split('\n');
        Assert.Equal(expected, lines[number - 1]);
        lines[number - 1] = replacement;
        return string.Join('\n', lines);
    }

    /// <summary>The first <paramref name="count"/> lines, as if the file had been cut off there.</summary>
    public static string FirstLines(int count) => string.Join('\n', Original.Split('\n')[..count]) + "\n";
}
