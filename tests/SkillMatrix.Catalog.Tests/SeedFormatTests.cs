using SkillMatrix.Catalog.Seeding;

namespace SkillMatrix.Catalog.Tests;

/// <summary>Broken pages, made by editing the real one: each fails at its line and writes nothing.</summary>
public sealed class SeedFormatTests
{
    private const string RowExpectation = "expected a skill row 'Name L L L' with 1 to 5 letters from A, W, V, E";
    private const string FocusExpectation = "expected a level name (Junior, Middle, Senior, Lead / Staff, Principal) or 'Skill Matrix'";

    public static TheoryData<string, int, string> BrokenPages => new()
    {
        { "bad letter", 63, $"{RowExpectation}, found 'REST API Design W X E'" },
        { "six letters", 63, $"{RowExpectation}, found 'REST API Design W A E E E E'" },
        { "no letters", 63, $"{RowExpectation}, found 'REST API Design'" },
        { "missing Skill Matrix heading", 46, $"{FocusExpectation}, found '75 skills × 5 levels. Click on a cell for details.'" },
        { "cut off before the Skill Matrix", 43, $"{FocusExpectation}, found end of file" },
        { "cut off before FAQ", 194, "expected 'FAQ' after the last domain, found end of file" },
        { "skill count too high", 61, "expected 10 skill rows in 'API & Integration' as this line says, found 9" },
        { "skill count without the repeated row", 61, "expected 8 skill rows in 'API & Integration' as this line says, found 9" },
        { "missing skill count", 53, "expected the skill count 'N skills' of 'AI-Assisted Development', found 'Skills Jun Mid Sen Lead Princ'" },
        { "missing header row", 54, "expected the header row 'Skills Jun Mid Sen Lead Princ', found 'GitHub Copilot W W A E E'" },
        { "missing header row of a later domain", 63, "expected the header row 'Skills Jun Mid Sen Lead Princ', found 'REST API Design W A E E E'" },
        { "repeated row with other letters", 67, "expected a repeated row to repeat the letters of line 66, found 'gRPC & Protocol Buffers A W A E'" },
        { "family line without levels", 5, "expected the family line: the family name followed by level names from Junior, Middle, Senior, Lead / Staff, Principal, lowest first, found 'Backend Engineering'" },
        { "unknown level in the technology stack", 16, "expected a technology stack line 'Level item, item, ...' for one of Junior, Middle, Senior, Lead / Staff, Principal, or 'Focus by Level', or 'Skill Matrix', found 'Intern Python 3.11+'" },
        { "unbalanced parenthesis in the technology stack", 17, "expected balanced parentheses in the technology stack, found '(' without ')'" },
        { "empty file", 1, "expected the role name, found end of file" },
        { "blank file", 1, "expected the role name, found end of file" },
    };

    [Theory]
    [MemberData(nameof(BrokenPages))]
    public void The_parser_reports_the_line_and_what_was_expected(string page, int line, string problem)
    {
        var error = Assert.Throws<SeedFormatException>(() => SeedPageParser.Parse(SeedText.FileName, Broken(page)));

        Assert.Equal($"backend-developer-python.txt:{line}: {problem}", error.Message);
        Assert.Equal(SeedText.FileName, error.FileName);
        Assert.Equal(line, error.Line);
        Assert.Equal(problem, error.Problem);
    }

    [Theory]
    [MemberData(nameof(BrokenPages))]
    public async Task The_importer_fails_and_writes_nothing_to_an_empty_catalog(string page, int line, string problem)
    {
        await using var database = await CatalogDatabase.CreateAsync();
        var before = await database.DumpAsync();

        var error = await Assert.ThrowsAsync<SeedFormatException>(() => database.ImportAsync(Broken(page)));

        Assert.Equal($"backend-developer-python.txt:{line}: {problem}", error.Message);
        Assert.Equal(before, await database.DumpAsync());
    }

    [Theory]
    [MemberData(nameof(BrokenPages))]
    public async Task The_importer_fails_and_leaves_an_imported_role_as_it_was(string page, int line, string problem)
    {
        await using var database = await CatalogDatabase.WithRoleAsync();
        var before = await database.DumpAsync();

        var error = await Assert.ThrowsAsync<SeedFormatException>(() => database.ImportAsync(Broken(page)));

        Assert.Equal($"backend-developer-python.txt:{line}: {problem}", error.Message);
        Assert.Equal(before, await database.DumpAsync());
    }

    private static string Broken(string page) => page switch
    {
        "bad letter" => SeedText.WithLine(63, "REST API Design W A E E E", "REST API Design W X E"),
        "six letters" => SeedText.WithLine(63, "REST API Design W A E E E", "REST API Design W A E E E E"),
        "no letters" => SeedText.WithLine(63, "REST API Design W A E E E", "REST API Design"),
        "missing Skill Matrix heading" => SeedText.WithLine(44, "Skill Matrix", ""),
        "cut off before the Skill Matrix" => SeedText.FirstLines(42),
        "cut off before FAQ" => SeedText.FirstLines(193),
        "skill count too high" => SeedText.WithLine(61, "9 skills", "10 skills"),
        "skill count without the repeated row" => SeedText.WithLine(61, "9 skills", "8 skills"),
        "missing skill count" => SeedText.WithLine(52, "4 skills", ""),
        "missing header row" => SeedText.WithLine(53, "Skills Jun Mid Sen Lead Princ", ""),
        "missing header row of a later domain" => SeedText.WithLine(62, "Skills Jun Mid Sen Lead Princ", ""),
        "repeated row with other letters" => SeedText.WithLine(67, "gRPC & Protocol Buffers A W A E E", "gRPC & Protocol Buffers A W A E"),
        "family line without levels" => SeedText.WithLine(5, "Backend Engineering Junior Middle Senior Lead / Staff Principal", "Backend Engineering"),
        "unknown level in the technology stack" => SeedText.WithLine(
            16, "Junior Python 3.11+, FastAPI/Flask/Django, PostgreSQL, Git, Docker basics, pytest, REST API basics", "Intern Python 3.11+"),
        "unbalanced parenthesis in the technology stack" => SeedText.WithLine(
            17,
            "Middle Python 3.12+, FastAPI/Django, PostgreSQL/Redis, Docker Compose, REST/GraphQL, Celery/Dramatiq, pytest + coverage, CI/CD (GitHub Actions/GitLab CI), SQLAlchemy, Alembic",
            "Middle Python 3.12+, CI/CD (GitHub Actions/GitLab CI, SQLAlchemy, Alembic"),
        "empty file" => "",
        "blank file" => "\n  \r\n\t\n",
        _ => throw new ArgumentOutOfRangeException(nameof(page), page, "no such broken page"),
    };
}
