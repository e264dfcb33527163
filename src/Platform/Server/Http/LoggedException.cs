using GraphQLParser.Exceptions;

namespace Platform.Server.Http;

/// <summary>
/// An unexpected exception as the log gets it: its type, a message of bounded length, and the first frames of its
/// stack (and of two inner exceptions), so that one line stays a few kilobytes. A parser error's message quotes the
/// document around its position; only its description and position are kept, since logs never hold a document.
/// </summary>
internal sealed class LoggedException : Exception
{
    private const int MaxMessageLength = 500;
    private const int MaxFrames = 30;
    private const int MaxInnerDepth = 2;

    private readonly string text;

    private LoggedException(Exception original, int depth)
        : base(MessageOf(original))
    {
        var frames = (original.StackTrace ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var stack = string.Join('\n', frames.Take(MaxFrames).Select(f => f.TrimEnd('\r')));
        if (frames.Length > MaxFrames)
        {
            stack += $"\n   ... {frames.Length - MaxFrames} more frames";
        }

        var inner = original.InnerException is { } cause && depth < MaxInnerDepth ? new LoggedException(cause, depth + 1).ToString() : null;
        text = $"{original.GetType().FullName}: {Message}" + (stack.Length > 0 ? "\n" + stack : "")
            + (inner is null ? "" : $"\n ---> {inner}\n   --- End of inner exception stack trace ---");
    }

    public static Exception Of(Exception original) => new LoggedException(original, 0);

    public override string ToString() => text;

    private static string MessageOf(Exception exception)
    {
        var message = exception is GraphQLSyntaxErrorException syntax
            ? $"{syntax.Description} (line {syntax.Location.Line}, column {syntax.Location.Column})"
            : exception.Message;
        return message.Length <= MaxMessageLength ? message : message[..MaxMessageLength] + $"... ({message.Length - MaxMessageLength} more characters)";
    }
}
