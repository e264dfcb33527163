using System.Globalization;
using System.Text.RegularExpressions;
using SkillMatrix.Catalog.Contracts;

namespace SkillMatrix.Catalog.Seeding;

/// <summary>
/// Reads the text of a role page as copied from the site (see <c>seeds/</c>): role name, summary, family line,
/// "Technology Stack", "Focus by Level" and "Skill Matrix" up to "FAQ"; everything else on the page is
/// furniture. Pure, so that a malformed page fails before anything touches the database; every deviation from
/// the layout is a <see cref="SeedFormatException"/> that names the line.
/// </summary>
internal static partial class SeedPageParser
{
    private const string TechnologyStackHeading = "Technology Stack";
    private const string FocusHeading = "Focus by Level";
    private const string MatrixHeading = "Skill Matrix";
    private const string MatrixEnd = "FAQ";
    private const string Legend = "A Awareness W Working V Advanced E Expert";

    // The catalog's column limits, checked here so that an overlong line fails with its line number rather
    // than as a database error (PostgreSQL enforces them; SQLite does not).
    private const int MaxNameLength = TextLimits.Name;
    private const int MaxSummaryLength = TextLimits.Summary;
    private const int MaxFocusLength = TextLimits.Text;

    /// <summary>
    /// The site's ladder, lowest first, with the abbreviations of the matrix header. A page prints some of
    /// these levels in this order; ranks come from here rather than from the page so that all pages agree.
    /// </summary>
    private static readonly Rung[] Ladder =
    [
        new("Junior", "Jun", 1),
        new("Middle", "Mid", 2),
        new("Senior", "Sen", 3),
        new("Lead / Staff", "Lead", 4),
        new("Principal", "Princ", 5),
    ];

    public static SeedPage Parse(string fileName, string text)
    {
        var reader = new LineReader(fileName, text);
        var warnings = new List<string>();

        var roleLine = reader.Next() ?? throw reader.Unexpected(null, "the role name");
        var roleName = CheckName(reader, roleLine, roleLine.Text, "the role name");

        var summaryLine = reader.Next() ?? throw reader.Unexpected(null, "the role summary");
        if (summaryLine.Text.Length > MaxSummaryLength)
        {
            throw reader.Error(summaryLine, $"expected a summary of at most {MaxSummaryLength} characters, found {summaryLine.Text.Length}");
        }

        var (familyName, levels) = ReadFamilyLine(reader);

        var heading = SkipFurniture(reader);
        var techStacks = new Dictionary<Rung, IReadOnlyList<string>>();
        if (heading.Text == TechnologyStackHeading)
        {
            heading = ReadTechnologyStack(reader, levels, techStacks);
        }

        var focuses = new Dictionary<Rung, string>();
        if (heading.Text == FocusHeading)
        {
            heading = ReadFocus(reader, levels, focuses);
        }

        // Each section reader returns only on a later heading, so the sections are in page order and this is "Skill Matrix".
        var domains = ReadMatrix(reader, levels, warnings);

        return new SeedPage(
            fileName,
            roleName,
            Slug.From(roleName),
            summaryLine.Text,
            familyName,
            Slug.From(familyName),
            levels.Select(r => new SeedLevel(Slug.ToKey(r.Name), r.Name, r.Rank, focuses.GetValueOrDefault(r), techStacks.GetValueOrDefault(r) ?? [])).ToList(),
            domains,
            warnings);
    }

    /// <summary><c>Backend Engineering Junior Middle Senior Lead / Staff Principal</c>: the family, then the page's levels.</summary>
    private static (string FamilyName, IReadOnlyList<Rung> Levels) ReadFamilyLine(LineReader reader)
    {
        var expected = $"the family line: the family name followed by level names from {string.Join(", ", Ladder.Select(r => r.Name))}, lowest first";
        var line = reader.Next() ?? throw reader.Unexpected(null, expected);

        // Level names are peeled off the end because family names are free text and level names contain spaces.
        var rest = line.Text;
        var levels = new List<Rung>();
        while (Ladder.FirstOrDefault(r => rest.EndsWith(" " + r.Name, StringComparison.Ordinal)) is { } rung)
        {
            levels.Insert(0, rung);
            rest = rest[..^(rung.Name.Length + 1)].TrimEnd();
        }

        var ascending = levels.Zip(levels.Skip(1)).All(pair => pair.First.Rank < pair.Second.Rank);
        if (levels.Count == 0 || !ascending)
        {
            throw reader.Unexpected(line, expected);
        }

        return (CheckName(reader, line, rest, "a family name"), levels);
    }

    /// <summary>Skips the counts block and the prose paragraph up to the first section the parser reads.</summary>
    private static Line SkipFurniture(LineReader reader)
    {
        while (reader.Next() is { } line)
        {
            if (line.Text is TechnologyStackHeading or FocusHeading or MatrixHeading)
            {
                return line;
            }
        }

        throw reader.Unexpected(null, $"a '{MatrixHeading}' section");
    }

    /// <summary>One line per level: the level name, then the items separated by commas.</summary>
    private static Line ReadTechnologyStack(LineReader reader, IReadOnlyList<Rung> levels, Dictionary<Rung, IReadOnlyList<string>> techStacks)
    {
        var expected = $"a technology stack line 'Level item, item, ...' for one of {Names(levels)}, or '{FocusHeading}', or '{MatrixHeading}'";
        while (true)
        {
            var line = reader.Next() ?? throw reader.Unexpected(null, expected);
            if (line.Text is FocusHeading or MatrixHeading)
            {
                return line;
            }

            // The longest match, in case one level name ever starts another.
            var level = levels.Where(r => line.Text.StartsWith(r.Name + " ", StringComparison.Ordinal)).MaxBy(r => r.Name.Length)
                ?? throw reader.Unexpected(line, expected);
            if (!techStacks.TryAdd(level, SplitItems(reader, line, line.Text[(level.Name.Length + 1)..])))
            {
                throw reader.Error(line, $"expected one technology stack line per level, found a second one for {level.Name}");
            }
        }
    }

    /// <summary>
    /// Commas separate items, except inside parentheses: <c>Event-driven (Kafka, NATS)</c> is one item.
    /// Slashes do not separate: <c>FastAPI/Flask/Django</c> is one item.
    /// </summary>
    private static List<string> SplitItems(LineReader reader, Line line, string list)
    {
        var items = new List<string>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i < list.Length; i++)
        {
            if (list[i] == '(')
            {
                depth++;
            }
            else if (list[i] == ')')
            {
                if (--depth < 0)
                {
                    throw reader.Error(line, "expected balanced parentheses in the technology stack, found ')' without '('");
                }
            }
            else if (list[i] == ',' && depth == 0)
            {
                Add(list[start..i]);
                start = i + 1;
            }
        }

        if (depth != 0)
        {
            throw reader.Error(line, "expected balanced parentheses in the technology stack, found '(' without ')'");
        }

        Add(list[start..]);
        return items;

        void Add(string item)
        {
            item = item.Trim();
            if (item.Length == 0)
            {
                throw reader.Unexpected(line, "technology items separated by commas, with no empty item");
            }

            items.Add(item);
        }
    }

    /// <summary>Per level: the level name on its own line, then one paragraph.</summary>
    private static Line ReadFocus(LineReader reader, IReadOnlyList<Rung> levels, Dictionary<Rung, string> focuses)
    {
        var expected = $"a level name ({Names(levels)}) or '{MatrixHeading}'";
        while (true)
        {
            var line = reader.Next() ?? throw reader.Unexpected(null, expected);
            if (line.Text == MatrixHeading)
            {
                return line;
            }

            var level = levels.FirstOrDefault(r => r.Name == line.Text) ?? throw reader.Unexpected(line, expected);
            if (focuses.ContainsKey(level))
            {
                throw reader.Error(line, $"expected one focus paragraph per level, found a second one for {level.Name}");
            }

            var paragraph = reader.Next();
            if (paragraph is null || paragraph.Text == MatrixHeading || levels.Any(r => r.Name == paragraph.Text))
            {
                throw reader.Unexpected(paragraph, $"the focus paragraph of {level.Name}");
            }

            if (paragraph.Text.Length > MaxFocusLength)
            {
                throw reader.Error(paragraph, $"expected a focus paragraph of at most {MaxFocusLength} characters, found {paragraph.Text.Length}");
            }

            focuses.Add(level, paragraph.Text);
        }
    }

    /// <summary>From after "Skill Matrix" to "FAQ": per domain its heading, "N skills", the header row and the rows.</summary>
    private static List<SeedDomain> ReadMatrix(LineReader reader, IReadOnlyList<Rung> levels, List<string> warnings)
    {
        var line = reader.Next();
        if (line is not null && MatrixCaption().IsMatch(line.Text))
        {
            line = reader.Next();
        }

        if (line?.Text == Legend)
        {
            line = reader.Next();
        }

        var matrix = new MatrixState(levels, "Skills " + string.Join(' ', levels.Select(r => r.Abbreviation)));
        while (true)
        {
            if (line is null)
            {
                throw reader.Unexpected(null, matrix.Domains.Count == 0 ? "a domain heading" : $"'{MatrixEnd}' after the last domain");
            }

            if (line.Text == MatrixEnd)
            {
                return matrix.Domains.Count == 0 ? throw reader.Unexpected(line, "a domain heading") : matrix.Domains;
            }

            ReadDomain(reader, line, matrix, warnings);
            line = reader.Next();
        }
    }

    private static void ReadDomain(LineReader reader, Line heading, MatrixState matrix, List<string> warnings)
    {
        var name = CheckName(reader, heading, heading.Text, "a domain heading");
        var slug = Slug.From(name);
        if (matrix.Domains.FirstOrDefault(d => d.Slug == slug) is { } repeated)
        {
            throw reader.Error(heading, $"expected each domain once, found '{name}' again (first on line {repeated.Line})");
        }

        var countLine = reader.Next();
        var count = countLine is null ? Match.Empty : SkillCount().Match(countLine.Text);
        if (countLine is null || !count.Success)
        {
            throw reader.Unexpected(countLine, $"the skill count 'N skills' of '{name}'");
        }

        var headerLine = reader.Next();
        if (headerLine?.Text != matrix.Header)
        {
            throw reader.Unexpected(headerLine, $"the header row '{matrix.Header}'");
        }

        var skills = new List<SeedSkill>();
        var rows = 0;

        // Rows run up to "FAQ" or the next domain; a domain heading is told from a row by what follows it, not
        // by its own text, so that a malformed row is reported as such rather than taken for a heading.
        while (reader.Peek() is { } line && line.Text != MatrixEnd && !IsDomainHeading(reader, matrix.Header))
        {
            reader.Next();
            rows++;
            var skill = ReadSkillRow(reader, line, matrix.Levels);
            if (matrix.Skills.TryGetValue(skill.Slug, out var first))
            {
                if (first.DomainSlug != slug)
                {
                    // Skill slugs are unique across the catalog, so one skill cannot sit in two domains.
                    throw reader.Error(line, $"expected each skill in one domain only, found '{skill.Name}' again (first on line {first.Skill.Line}, in '{first.DomainName}')");
                }

                if (!first.Skill.Cells.SequenceEqual(skill.Cells))
                {
                    // Picking one of two different rows would silently lose a requirement.
                    throw reader.Error(line, $"expected a repeated row to repeat the letters of line {first.Skill.Line}, found '{line.Text}'");
                }

                warnings.Add($"{reader.FileName}:{line.Number}: '{skill.Name}' is listed twice in '{name}' (first on line {first.Skill.Line}); imported once");
                continue;
            }

            matrix.Skills.Add(skill.Slug, (skill, slug, name));
            skills.Add(skill);
        }

        var expectedRows = int.Parse(count.Groups[1].Value, CultureInfo.InvariantCulture);
        if (rows != expectedRows)
        {
            throw reader.Error(countLine, $"expected {expectedRows} skill rows in '{name}' as this line says, found {rows}");
        }

        matrix.Domains.Add(new SeedDomain(name, slug, heading.Number, skills));
    }

    /// <summary>Whether the next line starts a domain: its heading is followed by "N skills" (or, if that is missing, the header row).</summary>
    private static bool IsDomainHeading(LineReader reader, string header) =>
        reader.Peek(1) is { } following && (SkillCount().IsMatch(following.Text) || following.Text == header);

    /// <summary><c>REST API Design W A E E E</c>: the name, then one letter per level from the lowest.</summary>
    private static SeedSkill ReadSkillRow(LineReader reader, Line line, IReadOnlyList<Rung> levels)
    {
        // Every trailing one-letter word is taken as a cell, valid or not, so that "W X E" is reported as a bad
        // letter instead of making "X" part of the skill name. (A skill name ending in a lone capital letter
        // would therefore not parse; the site has none.)
        var words = line.Text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var firstLetter = words.Length;
        while (firstLetter > 0 && words[firstLetter - 1].Length == 1 && char.IsAsciiLetter(words[firstLetter - 1][0]))
        {
            firstLetter--;
        }

        var letters = words[firstLetter..];
        if (firstLetter == 0 || letters.Length == 0 || letters.Length > levels.Count || letters.Any(l => l is not ("A" or "W" or "V" or "E")))
        {
            throw reader.Unexpected(line, $"a skill row 'Name L L L' with 1 to {levels.Count} letters from A, W, V, E");
        }

        var name = CheckName(reader, line, string.Join(' ', words[..firstLetter]), "a skill name");
        var cells = new List<SeedCell>(letters.Length);
        var pastAwareness = false;
        for (var i = 0; i < letters.Length; i++)
        {
            // The page prints A for both Awareness and Advanced. Once a row has reached Working or more, a
            // higher level cannot ask for mere awareness, so an A after W, V or E is Advanced.
            var proficiency = letters[i] switch
            {
                "W" => Proficiency.Working,
                "V" => Proficiency.Advanced,
                "E" => Proficiency.Expert,
                _ => pastAwareness ? Proficiency.Advanced : Proficiency.Awareness,
            };
            pastAwareness |= proficiency >= Proficiency.Working;
            cells.Add(new SeedCell(Slug.ToKey(levels[i].Name), proficiency));
        }

        return new SeedSkill(name, Slug.From(name), line.Number, cells);
    }

    private static string CheckName(LineReader reader, Line line, string name, string what)
    {
        if (name.Length > MaxNameLength)
        {
            throw reader.Error(line, $"expected {what} of at most {MaxNameLength} characters, found {name.Length}");
        }

        if (Slug.From(name).Length == 0)
        {
            throw reader.Unexpected(line, $"{what} with at least one letter or digit");
        }

        return name;
    }

    private static string Names(IEnumerable<Rung> levels) => string.Join(", ", levels.Select(r => r.Name));

    [GeneratedRegex(@"^\d+ skills? × \d+ levels?\b")]
    private static partial Regex MatrixCaption();

    [GeneratedRegex(@"^(\d{1,6}) skills?$")]
    private static partial Regex SkillCount();

    private sealed record Rung(string Name, string Abbreviation, int Rank);

    private sealed record Line(int Number, string Text);

    private sealed class MatrixState(IReadOnlyList<Rung> levels, string header)
    {
        public IReadOnlyList<Rung> Levels { get; } = levels;

        public string Header { get; } = header;

        public List<SeedDomain> Domains { get; } = [];

        /// <summary>Every skill read so far, by slug, with its domain: for duplicates within and across domains.</summary>
        public Dictionary<string, (SeedSkill Skill, string DomainSlug, string DomainName)> Skills { get; } = [];
    }

    /// <summary>The page's lines, trimmed, with 1-based numbers; blank lines carry no meaning and are skipped.</summary>
    private sealed class LineReader
    {
        private const int MaxQuotedLength = 200;

        private readonly string[] lines;
        private int next;

        public LineReader(string fileName, string text)
        {
            FileName = fileName;
            lines = text.Split('\n').Select(l => l.Trim().TrimStart('\uFEFF')).ToArray();
            var lastContent = Array.FindLastIndex(lines, l => l.Length > 0);
            EndLine = lastContent + 2;
        }

        public string FileName { get; }

        /// <summary>Where "end of file" is reported: the line after the last one with content.</summary>
        public int EndLine { get; }

        /// <summary>The next non-blank line, or (with <paramref name="skip"/>) the one after that, without consuming it.</summary>
        public Line? Peek(int skip = 0)
        {
            for (var i = next; i < lines.Length; i++)
            {
                if (lines[i].Length > 0 && skip-- == 0)
                {
                    return new Line(i + 1, lines[i]);
                }
            }

            return null;
        }

        public Line? Next()
        {
            var line = Peek();
            next = line is null ? lines.Length : line.Number;
            return line;
        }

        public SeedFormatException Error(Line? line, string problem) => new(FileName, line?.Number ?? EndLine, problem);

        public SeedFormatException Unexpected(Line? found, string expected) =>
            Error(found, found is null ? $"expected {expected}, found end of file" : $"expected {expected}, found '{Quote(found.Text)}'");

        private static string Quote(string text) => text.Length <= MaxQuotedLength ? text : text[..MaxQuotedLength] + "...";
    }
}
