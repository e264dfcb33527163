using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace Platform.Hosting.Observability;

/// <summary>
/// The JSON console's lines (formatted by the framework's JSON console formatter, with its options and scopes), written
/// to standard output in batches: every <see cref="FlushInterval"/>, whatever was logged since goes out in one write.
/// The framework's console logger hands each line to its writer thread, waking it, and writes each line on its own:
/// at a few thousand requests per second with one line each, that was about a tenth of a small query's CPU. A line is
/// still formatted on the thread that logs it, so it carries that thread's scopes (trace and span ids). Past
/// <see cref="MaxQueuedLines"/> unwritten lines (a stdout that stopped reading), lines are dropped and counted, and the
/// count is written once the writer catches up: a request never waits for the log.
/// </summary>
[ProviderAlias("Console")] // configured, filtered and tested as the console logger it replaces: Logging:Console:LogLevel
internal sealed class BatchedConsoleLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    public static readonly TimeSpan FlushInterval = TimeSpan.FromMilliseconds(50);

    public const int MaxQueuedLines = 10_000;

    [ThreadStatic]
    private static StringWriter? threadWriter;

    private readonly ConsoleFormatter formatter;
    private readonly Stream output;
    private readonly ConcurrentQueue<string> lines = new();
    private readonly PeriodicTimer timer;
    private readonly Task writing;
    private IExternalScopeProvider scopes = new LoggerExternalScopeProvider();
    private int queued;
    private long dropped;

    public BatchedConsoleLoggerProvider(IEnumerable<ConsoleFormatter> formatters)
        : this(formatters.Single(f => f.Name == ConsoleFormatterNames.Json), Console.OpenStandardOutput(), FlushInterval)
    {
    }

    /// <summary>Writes <paramref name="formatter"/>'s lines to <paramref name="output"/> every <paramref name="interval"/>.</summary>
    public BatchedConsoleLoggerProvider(ConsoleFormatter formatter, Stream output, TimeSpan interval)
    {
        this.formatter = formatter;
        this.output = output;
        timer = new PeriodicTimer(interval);
        writing = Task.Run(WriteAsync);
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => scopes = scopeProvider;

    /// <summary>Writes what is queued and stops.</summary>
    public void Dispose()
    {
        timer.Dispose(); // ends the loop, which then writes the rest
        writing.Wait(TimeSpan.FromSeconds(5));
    }

    private void Enqueue(string line)
    {
        if (Interlocked.Increment(ref queued) > MaxQueuedLines)
        {
            Interlocked.Decrement(ref queued);
            Interlocked.Increment(ref dropped);
            return;
        }

        lines.Enqueue(line);
    }

    private async Task WriteAsync()
    {
        // One buffer for the process's lifetime; it grows to the largest batch and stays there.
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 64 * 1024, leaveOpen: true);
        try
        {
            while (await timer.WaitForNextTickAsync().ConfigureAwait(false))
            {
                await WriteQueuedAsync(writer).ConfigureAwait(false);
            }
        }
        finally
        {
            await WriteQueuedAsync(writer).ConfigureAwait(false);
        }
    }

    private async Task WriteQueuedAsync(StreamWriter writer)
    {
        var any = false;
        while (lines.TryDequeue(out var line))
        {
            Interlocked.Decrement(ref queued);
            writer.Write(line);
            any = true;
        }

        if (Interlocked.Exchange(ref dropped, 0) is var lost and > 0)
        {
            writer.Write($"{{\"LogLevel\":\"Warning\",\"Category\":\"{typeof(BatchedConsoleLoggerProvider).FullName}\",\"Message\":\"{lost} log lines were dropped: more than {MaxQueuedLines} were waiting to be written.\"}}\n");
            any = true;
        }

        if (any)
        {
            try
            {
                await writer.FlushAsync().ConfigureAwait(false);
            }
            catch (IOException)
            {
                // A closed stdout: there is nowhere to write the log, and logging must not fail the process.
            }
        }
    }

    private sealed class Logger(BatchedConsoleLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => provider.scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            var writer = threadWriter ??= new StringWriter();
            var builder = writer.GetStringBuilder();
            try
            {
                provider.formatter.Write(new LogEntry<TState>(logLevel, category, eventId, state, exception, formatter), provider.scopes, writer);
                if (builder.Length > 0)
                {
                    provider.Enqueue(builder.ToString());
                }
            }
            finally
            {
                builder.Clear();
                if (builder.Capacity > 16 * 1024)
                {
                    builder.Capacity = 1024; // one huge line must not keep its buffer on every thread
                }
            }
        }
    }
}
