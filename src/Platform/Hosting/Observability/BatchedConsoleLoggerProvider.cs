using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace Platform.Hosting.Observability;

/// <summary>
/// The JSON console's lines (formatted by the framework's JSON console formatter, with its options and scopes), written
/// to the console in batches: every <see cref="FlushInterval"/>, whatever was logged since goes out in one write.
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
    private readonly TextWriter output;
    private readonly StringBuilder batch = new();
    private readonly ConcurrentQueue<string> lines = new();
    private readonly PeriodicTimer timer;
    private readonly Task writing;
    private IExternalScopeProvider scopes = new LoggerExternalScopeProvider();
    private int queued;
    private long dropped;

    /// <summary>Writes to <see cref="Console.Out"/> as it is now, as the framework's console logger does.</summary>
    public BatchedConsoleLoggerProvider(IEnumerable<ConsoleFormatter> formatters)
        : this(formatters.Single(f => f.Name == ConsoleFormatterNames.Json), Console.Out, FlushInterval)
    {
    }

    /// <summary>Writes <paramref name="formatter"/>'s lines to <paramref name="output"/> every <paramref name="interval"/>.</summary>
    public BatchedConsoleLoggerProvider(ConsoleFormatter formatter, TextWriter output, TimeSpan interval)
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
        try
        {
            while (await timer.WaitForNextTickAsync().ConfigureAwait(false))
            {
                WriteQueued();
            }
        }
        finally
        {
            WriteQueued();
        }
    }

    // The batch is one string in one Write: the console's writer flushes after every call, one write each.
    private void WriteQueued()
    {
        while (lines.TryDequeue(out var line))
        {
            Interlocked.Decrement(ref queued);
            batch.Append(line);
        }

        if (Interlocked.Exchange(ref dropped, 0) is var lost and > 0)
        {
            batch.Append($"{{\"LogLevel\":\"Warning\",\"Category\":\"{typeof(BatchedConsoleLoggerProvider).FullName}\",\"Message\":\"{lost} log lines were dropped: more than {MaxQueuedLines} were waiting to be written.\"}}{Environment.NewLine}");
        }

        if (batch.Length == 0)
        {
            return;
        }

        try
        {
            output.Write(batch.ToString());
            output.Flush();
        }
        catch (IOException)
        {
            // A closed stdout: there is nowhere to write the log, and logging must not fail the process.
        }
        finally
        {
            batch.Clear();
            if (batch.Capacity > 1024 * 1024)
            {
                batch.Capacity = 64 * 1024; // a burst must not keep its buffer for the process's lifetime
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
