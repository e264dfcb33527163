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

        var tokens = CountTokens(document, limits.MaxTokens + 1);
        if (tokens > limits.MaxTokens)
        {
            return new(LimitErrorCodes.TokensExceeded, $"The document has more than {limits.MaxTokens} tokens.",
                new() { ["maxTokens"] = limits.MaxTokens });
        }

        return null;
    }

    /// <summary>Tokens up to <paramref name="stopAt"/>, comments aside; a lexical error ends the count (the parser reports it).</summary>
    internal static int CountTokens(string document, int stopAt)
    {
        var count = 0;
        var position = 0;
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

                position = token.End;
            }
        }
        catch (GraphQLSyntaxErrorException)
        {
        }

        return count;
    }
}
