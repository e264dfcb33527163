using System.Net;

namespace SkillMatrix.Host.Tests.Server.Limits;

/// <summary>A document with many wrong parts: at most GraphQL:MaxValidationErrors errors, then one saying how many more.</summary>
public sealed class ValidationErrorCapTests(SeededHost fixture) : IClassFixture<SeededHost>
{
    private static readonly string TwelveUnknownFields = "{ " + string.Join(" ", Enumerable.Range(1, 12).Select(i => $"unknown{i}")) + " }";

    [Fact]
    public async Task Twelve_wrong_fields_answer_five_errors_and_one_that_counts_the_rest()
    {
        var reply = await fixture.Host.Anonymous().QueryAsync(TwelveUnknownFields);

        Assert.True(reply.Status == HttpStatusCode.BadRequest, reply.ToString());
        Assert.Equal([.. Enumerable.Repeat("FIELDS_ON_CORRECT_TYPE", 5), "VALIDATION_ERRORS_SUPPRESSED"], reply.ErrorCodes);
        var last = reply.Body["errors"]!.AsArray()[^1]!;
        Assert.Equal("7 more validation errors were suppressed; at most 5 are reported.", (string?)last["message"]);
        Assert.Equal(7, (int)last["extensions"]!["suppressed"]!);
        Assert.Contains("unknown5", (string?)reply.Body["errors"]![4]!["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Five_wrong_fields_are_all_reported()
    {
        var reply = await fixture.Host.Anonymous().QueryAsync("{ a b c d e }");

        Assert.Equal(Enumerable.Repeat("FIELDS_ON_CORRECT_TYPE", 5), reply.ErrorCodes);
    }

    [Fact]
    public async Task The_cap_is_a_setting()
    {
        await using var host = await TestHost.Start().WithSetting("GraphQL:MaxValidationErrors", "2").BuildAsync();

        var reply = await host.Anonymous().QueryAsync(TwelveUnknownFields);

        Assert.Equal(["FIELDS_ON_CORRECT_TYPE", "FIELDS_ON_CORRECT_TYPE", "VALIDATION_ERRORS_SUPPRESSED"], reply.ErrorCodes);
    }
}
