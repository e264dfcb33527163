using System.Text;
using GraphQLParser;
using GraphQLParser.Exceptions;

namespace Platform.Server.Limits;

/// <summary>
/// The checks on the document text, made before it is parsed: its size in bytes and its number of tokens. Parsing
/// builds a tree as large as the document, so these bound the work a request can cause before any rule runs.
/// </summary>
internal static class DocumentLimits
{
    /// <summary>The refusal, or null when the document is within both limits.</summary>
    public static DocumentLimitError? Check(string document, GraphQLLimitsOptions limits)
    {
        // Cheap bound first: UTF-8 takes at least a byte per char, at most three per UTF-16 unit.
        if (document.Length > limits.MaxDocumentBytes || (document.Length * 3L > limits.MaxDocumentBytes && Encoding.UTF8.GetByteCount(document) > limits.MaxDocumentBytes))
        {
            return new(LimitErrorCodes.DocumentTooLarge, $"The document is larger than {limits.MaxDocumentBytes} bytes.",
                new() { ["maxDocumentBytes"] = limits.MaxDocumentBytes });
        }

        var (tokens, selections, values) = Measure(document, limits.MaxTokens + 1);
        if (tokens > limits.MaxTokens)
        {
            return new(LimitErrorCodes.TokensExceeded, $"The document has more than {limits.MaxTokens} tokens.",
                new() { ["maxTokens"] = limits.MaxTokens });
        }

        // The parser gives up past its own nesting limit with an exception no rule sees; these speak first, with the
        // depth limit's code. Selection sets may nest twice MaxDepth (inline fragments add braces, not fields), so the
        // depth rule, counting fields, still speaks for everything it can parse.
        if (selections > SelectionNestingLimit(limits))
        {
            return new(LimitErrorCodes.DepthExceeded,
                $"Selection sets are nested {selections} deep; at most {SelectionNestingLimit(limits)} are read (and {limits.MaxDepth} levels of fields allowed).",
                new() { ["depth"] = selections, ["maxDepth"] = limits.MaxDepth });
        }

        if (values > limits.MaxInputDepth)
        {
            return InputTooDeep(values, limits.MaxInputDepth, "An argument's value");
        }

        return null;
    }

    /// <summary>Variables nested deeper than the literals may be: the same limit, whichever way a value comes.</summary>
    public static DocumentLimitError? CheckVariables(Inputs? variables, GraphQLLimitsOptions limits)
    {
        if (variables is null)
        {
            return null;
        }

        foreach (var (name, value) in variables)
        {
            if (DepthOf(value, limits.MaxInputDepth + 1) is var depth && depth > limits.MaxInputDepth)
            {
                return InputTooDeep(depth, limits.MaxInputDepth, $"The variable '${name}'");
            }
        }

        return null;
    }

    private static int SelectionNestingLimit(GraphQLLimitsOptions limits) => limits.MaxDepth * 2;

    private static DocumentLimitError InputTooDeep(int depth, int max, string what) =>
        new(LimitErrorCodes.InputDepthExceeded, $"{what} is nested {(depth > max ? $"more than {max}" : $"{depth}")} deep (objects and lists); at most {max} are allowed.",
            new() { ["maxInputDepth"] = max });

    // Objects and lists, one level each, counted no further than `stop` (a value is JSON the transport already read).
    private static int DepthOf(object? value, int stop)
    {
        if (stop <= 0)
        {
            return 0;
        }

        return value switch
        {
            IReadOnlyDictionary<string, object?> map => 1 + (map.Count == 0 ? 0 : map.Values.Max(v => DepthOf(v, stop - 1))),
            IDictionary<string, object?> map => 1 + (map.Count == 0 ? 0 : map.Values.Max(v => DepthOf(v, stop - 1))),
            string => 0,
            IEnumerable<object?> list => 1 + list.Select(v => DepthOf(v, stop - 1)).DefaultIfEmpty(0).Max(),
            _ => 0,
        };
    }

    /// <summary>Tokens up to <paramref name="stopAt"/>, comments aside; a lexical error ends the count (the parser reports it).</summary>
    internal static int CountTokens(string document, int stopAt) => Measure(document, stopAt).Tokens;

    /// <summary>
    /// Tokens up to <paramref name="stopAt"/> (comments aside), and the deepest nesting seen on the way: of selection
    /// sets (braces outside parentheses) and of values (braces and brackets inside parentheses: arguments, directives'
    /// arguments and variables' defaults). A lexical error ends the measure (the parser reports it).
    /// </summary>
    private static (int Tokens, int Selections, int Values) Measure(string document, int stopAt)
    {
        var count = 0;
        var position = 0;
        int parentheses = 0, selections = 0, values = 0, deepestSelections = 0, deepestValues = 0;
        try
        {
            while (count < stopAt)
            {
                var token = Lexer.Lex(document, position);
                if (token.Kind == TokenKind.EOF)
                {
                    break;
                }

                if (token.Kind != TokenKind.COMMENT)
                {
                    count++;
                }

                switch (token.Kind)
                {
                    case TokenKind.PAREN_L:
                        parentheses++;
                        break;
                    case TokenKind.PAREN_R:
                        parentheses = Math.Max(0, parentheses - 1);
                        values = 0;
                        break;
                    case TokenKind.BRACE_L when parentheses == 0:
                        deepestSelections = Math.Max(deepestSelections, ++selections);
                        break;
                    case TokenKind.BRACE_R when parentheses == 0:
                        selections = Math.Max(0, selections - 1);
                        break;
                    case TokenKind.BRACE_L or TokenKind.BRACKET_L when parentheses > 0:
                        deepestValues = Math.Max(deepestValues, ++values);
                        break;
                    case TokenKind.BRACE_R or TokenKind.BRACKET_R when parentheses > 0:
                        values = Math.Max(0, values - 1);
                        break;
                }

                position = token.End;
            }
        }
        catch (GraphQLSyntaxErrorException)
        {
        }

        return (count, deepestSelections, deepestValues);
    }
}
