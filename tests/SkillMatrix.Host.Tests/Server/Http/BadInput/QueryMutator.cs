using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace SkillMatrix.Host.Tests.Server.Http.BadInput;

/// <summary>
/// Turns a valid query into a damaged one with a seeded <see cref="Random"/>, so a failure replays: tokens deleted,
/// duplicated or swapped, characters cut or doubled, punctuation and unusual Unicode inserted, numbers made huge or
/// negative, braces nested, directives and aliases injected, the text truncated.
/// </summary>
internal sealed partial class QueryMutator(Random random)
{
    private static readonly string[] Punctuation = ["{", "}", "(", ")", "[", "]", ":", "!", "$", "@", "#", ",", "...", "=", "|", "&", "\"", "\"\"\"", "\\", "\n", "\t", " "];

    private static readonly string[] Unicode =
    [
        "\0", "\u0001", "\u007F", "\u00A0", "\u00E9", "e\u0301", "\u200B", "\u200E", "\u202E", "\u2028", "\uFEFF", "\uFFFD", "\uFFFF",
        "\u4E2D\u6587", "\u0645\u0631\u062D\u0628\u0627", "\U0001F600", "\U0001F469\u200D\U0001F4BB", "\uD800", "\uDC00", "\uDBFF\uDBFF",
    ];

    private static readonly string[] Numbers =
    [
        "0", "-1", "-2147483648", "2147483647", "2147483648", "-99999999999999999999", "99999999999999999999999999", "1e308", "1e999", "-0",
        "0.5", "NaN", "0x10", "00", "1_000",
    ];

    private static readonly string[] Directives =
    [
        "@include(if: true)", "@skip(if: false)", "@skip(if: $nope)", "@include", "@aa", "@deprecated", "@include(if: \"yes\")", "@specifiedBy(url: \"x\")",
    ];

    private static readonly string[] Strings = ["\"\"", "\"!!!\"", "\"U2tpbGw6MQ==\"", "\"QmFuYW5hOjE=\"", "null", "\"\\u0000\"", "\"%_%\"", "\"' OR 1=1 --\"", "\"\\ud800\""];

    public string Mutate(string query)
    {
        var text = query;
        var count = random.Next(1, 5);
        for (var i = 0; i < count && text.Length > 0; i++)
        {
            text = random.Next(14) switch
            {
                0 => EditToken(text, (tokens, at) => tokens.RemoveAt(at)),
                1 => EditToken(text, (tokens, at) => tokens.Insert(at, tokens[at])),
                2 => EditToken(text, (tokens, at) =>
                {
                    var other = random.Next(tokens.Count);
                    (tokens[at], tokens[other]) = (tokens[other], tokens[at]);
                }),
                3 => DeleteSpan(text),
                4 => DuplicateSpan(text),
                5 => InsertAt(text, Pick(Punctuation)),
                6 => InsertAt(text, Pick(Unicode)),
                7 => ReplaceNumber(text),
                8 => NestBraces(text),
                9 => InjectAfterName(text, () => " " + string.Concat(Enumerable.Repeat(Pick(Directives), random.Next(1, 4) == 3 ? random.Next(1, 80) : 1)) + " "),
                10 => InjectAlias(text),
                11 => text[..random.Next(text.Length)],
                12 => ReplaceString(text),
                _ => InsertAt(text, ((char)random.Next(0x20, 0x7F)).ToString()),
            };
        }

        return text;
    }

    /// <summary>Sometimes an operation name beside the query (mostly absent, as clients send).</summary>
    public string? OperationName() => random.Next(10) switch
    {
        0 => "Nope",
        1 => "",
        2 => Pick(Unicode),
        _ => null,
    };

    /// <summary>Sometimes variables beside the query: of the wrong types, unused or of a name the query does not declare.</summary>
    public Dictionary<string, object?>? Variables() => random.Next(8) switch
    {
        0 => new() { ["slug"] = "backend-developer-python" },
        1 => new() { ["slug"] = 42, ["n"] = "ten" },
        2 => new() { ["n"] = -1, ["after"] = "garbage" },
        3 => new() { ["slug"] = null, ["r"] = new[] { new { skill = "docker", proficiency = "NOPE" } } },
        _ => null,
    };

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private string EditToken(string text, Action<List<string>, int> edit)
    {
        var tokens = Token().Matches(text).Select(m => m.Value).ToList();
        if (tokens.Count == 0)
        {
            return text;
        }

        edit(tokens, random.Next(tokens.Count));
        return string.Join(" ", tokens);
    }

    private string DeleteSpan(string text)
    {
        var at = random.Next(text.Length);
        return text.Remove(at, random.Next(1, Math.Min(12, text.Length - at) + 1));
    }

    private string DuplicateSpan(string text)
    {
        var at = random.Next(text.Length);
        var span = text.Substring(at, random.Next(1, Math.Min(40, text.Length - at) + 1));
        return text.Insert(at, string.Concat(Enumerable.Repeat(span, random.Next(1, 5))));
    }

    private string InsertAt(string text, string insert) => text.Insert(random.Next(text.Length + 1), insert);

    private string ReplaceNumber(string text)
    {
        var numbers = Number().Matches(text);
        if (numbers.Count == 0)
        {
            // No number to change: add a page size to the first list that takes one.
            return FirstArgument().Replace(text, m => $"{m.Value}first: {Pick(Numbers)}, ", 1);
        }

        var match = numbers[random.Next(numbers.Count)];
        return text[..match.Index] + Pick(Numbers) + text[(match.Index + match.Length)..];
    }

    private string NestBraces(string text)
    {
        var depth = random.Next(1, 40);
        var at = text.IndexOf('{', StringComparison.Ordinal);
        var close = text.LastIndexOf('}');
        if (at < 0 || close <= at || random.Next(3) == 0)
        {
            return InsertAt(text, string.Concat(Enumerable.Repeat("{ a ", depth)) + string.Concat(Enumerable.Repeat("} ", random.Next(depth + 1))));
        }

        return text[..(at + 1)] + string.Concat(Enumerable.Repeat(" x {", depth)) + text[(at + 1)..close] + new string('}', depth) + text[close..];
    }

    private string InjectAfterName(string text, Func<string> injection)
    {
        var names = Name().Matches(text);
        if (names.Count == 0)
        {
            return text;
        }

        var match = names[random.Next(names.Count)];
        var end = match.Index + match.Length;
        return text[..end] + injection() + text[end..];
    }

    private string InjectAlias(string text)
    {
        var names = Name().Matches(text);
        if (names.Count == 0)
        {
            return text;
        }

        var match = names[random.Next(names.Count)];
        var aliases = random.Next(4) == 0
            ? string.Concat(Enumerable.Range(0, random.Next(2, 40)).Select(i => $"a{i}: {match.Value} "))
            : $"a{random.Next(1000).ToString(CultureInfo.InvariantCulture)}: ";
        return text[..match.Index] + aliases + text[match.Index..];
    }

    private string ReplaceString(string text)
    {
        var strings = StringLiteral().Matches(text);
        if (strings.Count == 0)
        {
            return text;
        }

        var match = strings[random.Next(strings.Count)];
        var replacement = random.Next(3) == 0 ? "\"" + new string('x', random.Next(1, 5000)) + "\"" : Pick(Strings);
        return text[..match.Index] + replacement + text[(match.Index + match.Length)..];
    }

    [GeneratedRegex(@"""(?:[^""\\]|\\.)*""|\.\.\.|[A-Za-z_][A-Za-z0-9_]*|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|\S")]
    private static partial Regex Token();

    [GeneratedRegex(@"(?<![A-Za-z_""])-?\d+(?![A-Za-z_])")]
    private static partial Regex Number();

    [GeneratedRegex(@"\b[a-z][A-Za-z]*\b(?=\s*[({])")]
    private static partial Regex Name();

    [GeneratedRegex(@"\b(?:skills|roles|requirements|proposals)\(")]
    private static partial Regex FirstArgument();

    [GeneratedRegex(@"""(?:[^""\\]|\\.)*""")]
    private static partial Regex StringLiteral();
}

/// <summary>Builds request bodies that <see cref="System.Text.Json"/> would not: it replaces lone surrogates.</summary>
internal static class RawJson
{
    /// <summary>A JSON string literal with every character outside printable ASCII escaped, lone surrogates included.</summary>
    public static string Quote(string text)
    {
        var json = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            _ = c switch
            {
                '"' => json.Append("\\\""),
                '\\' => json.Append("\\\\"),
                >= ' ' and < '\u007F' => json.Append(c),
                _ => json.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)),
            };
        }

        return json.Append('"').ToString();
    }
}
