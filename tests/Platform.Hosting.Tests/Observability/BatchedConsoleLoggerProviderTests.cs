using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Platform.Hosting.Observability;

namespace Platform.Hosting.Tests.Observability;

/// <summary>
/// The JSON console's lines, written in batches: every line arrives whole and once, with its scopes, in far fewer writes
/// than lines; a stdout that stops reading drops lines (and says how many) instead of holding up the callers.
/// </summary>
public sealed class BatchedConsoleLoggerProviderTests
{
    [Fact]
    public async Task Lines_from_many_threads_arrive_whole_and_once_in_few_writes()
    {
        var output = new CountingConsole();
        var provider = new BatchedConsoleLoggerProvider(JsonFormatter(), output, TimeSpan.FromMilliseconds(20));
        var logger = provider.CreateLogger("Test.Category");

        await Task.WhenAll(Enumerable.Range(0, 4).Select(thread => Task.Run(() =>
        {
            for (var i = 0; i < 500; i++)
            {
                logger.LogInformation("line {Thread} {Index}", thread, i);
            }
        })));
        provider.Dispose();

        var lines = output.Text().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2000, lines.Length);
        var seen = lines.Select(line =>
        {
            using var json = JsonDocument.Parse(line);
            Assert.Equal("Test.Category", json.RootElement.GetProperty("Category").GetString());
            var state = json.RootElement.GetProperty("State");
            return (state.GetProperty("Thread").GetInt32(), state.GetProperty("Index").GetInt32());
        }).ToHashSet();
        Assert.Equal(2000, seen.Count);
        Assert.True(output.Flushes < 200, $"{output.Flushes} writes for 2000 lines");
    }

    [Fact]
    public void A_line_carries_the_scopes_of_the_thread_that_logged_it()
    {
        var output = new CountingConsole();
        var provider = new BatchedConsoleLoggerProvider(JsonFormatter(), output, TimeSpan.FromMilliseconds(20));
        var logger = provider.CreateLogger("Test.Category");

        using (logger.BeginScope(new Dictionary<string, object> { ["RequestId"] = "request-42" }))
        {
            logger.LogWarning("inside");
        }

        logger.LogWarning("outside");
        provider.Dispose();

        var lines = output.Text().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Contains("request-42", lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("request-42", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void A_line_of_100_kilobytes_is_written_whole_and_the_next_line_after_it()
    {
        var output = new CountingConsole();
        var provider = new BatchedConsoleLoggerProvider(JsonFormatter(), output, TimeSpan.FromMilliseconds(20));
        var logger = provider.CreateLogger("Test.Category");

        logger.LogError(new InvalidOperationException(new string('x', 100_000)), "huge");
        logger.LogInformation("small");
        provider.Dispose();

        var lines = output.Text().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.True(lines[0].Length > 100_000);
        using var small = JsonDocument.Parse(lines[1]);
        Assert.Equal("small", small.RootElement.GetProperty("Message").GetString());
    }

    [Fact]
    public void Past_the_bound_lines_are_dropped_and_counted_without_waiting()
    {
        var output = new CountingConsole();
        // No tick before Dispose: everything stays queued until then.
        var provider = new BatchedConsoleLoggerProvider(JsonFormatter(), output, TimeSpan.FromHours(1));
        var logger = provider.CreateLogger("Test.Category");

        var clock = Stopwatch.StartNew();
        for (var i = 0; i < BatchedConsoleLoggerProvider.MaxQueuedLines + 5; i++)
        {
            logger.LogInformation("line {Index}", i);
        }

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30));
        provider.Dispose();

        var lines = output.Text().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(BatchedConsoleLoggerProvider.MaxQueuedLines + 1, lines.Length);
        using var last = JsonDocument.Parse(lines[^1]);
        Assert.Equal("Warning", last.RootElement.GetProperty("LogLevel").GetString());
        Assert.StartsWith("5 log lines were dropped", last.RootElement.GetProperty("Message").GetString(), StringComparison.Ordinal);
    }

    private static ConsoleFormatter JsonFormatter() =>
        new ServiceCollection()
            .AddLogging(logging => logging.AddJsonConsole(json => json.IncludeScopes = true))
            .BuildServiceProvider()
            .GetServices<ConsoleFormatter>()
            .Single(formatter => formatter.Name == ConsoleFormatterNames.Json);

    /// <summary>A console stand-in that counts its writes: one per batch the provider writes.</summary>
    private sealed class CountingConsole : StringWriter
    {
        public int Flushes { get; private set; }

        public override void Write(string? value)
        {
            Flushes++;
            base.Write(value);
        }

        public override void Write(char value) => throw new InvalidOperationException("written a character at a time");

        public string Text() => ToString();
    }
}
