using Microsoft.Extensions.Logging;

namespace SkillMatrix.Host.Tests.Server.Security;

/// <summary>A refused token in the log: one Information line with the reason, no stack trace, never the token.</summary>
public sealed class TokenRefusalLogTests
{
    [Fact]
    public async Task A_refused_token_is_one_information_line_with_the_reason_and_without_the_token()
    {
        await using var host = await TestHost.Start().WithSignIn().WithViewerFields().WithTelemetry().BuildAsync();
        var token = host.IssueToken("alice", "Alice");
        var forged = token[..^4] + (token.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");

        var before = host.Telemetry.Logs.Entries.Count;

        (await host.Anonymous().QueryAsync("{ viewer }", forged)).AssertTokenRefused("The token's signature is not valid");

        var entries = host.Telemetry.Logs.Entries.Skip(before).ToList();
        var refusals = entries.Where(e => e.Message.Contains("token", StringComparison.OrdinalIgnoreCase)).ToList();
        var line = Assert.Single(refusals, e => e.Message.Contains("refused", StringComparison.Ordinal));
        Assert.True(refusals.Count == 1, string.Join("\n", refusals));
        Assert.Equal(LogLevel.Information, line.Level);
        Assert.Equal("Bearer token refused: The token's signature is not valid", line.Message);
        Assert.Null(line.Exception);
        Assert.DoesNotContain(entries, e => e.Message.Contains(forged[..40], StringComparison.Ordinal) || (e.Json?.Contains(forged[..40], StringComparison.Ordinal) ?? false));
        Assert.DoesNotContain(entries, e => e.Category.StartsWith("Microsoft.AspNetCore.Authentication", StringComparison.Ordinal) && e.Level >= LogLevel.Information);
    }
}
