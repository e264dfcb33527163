using System.Net;
using System.Text.Json.Nodes;

namespace SkillMatrix.Host.Tests.Server.Http.BadInput;

/// <summary>
/// Every form of nesting, in the document and in variables, past what the server reads: a 400 with its own code and a
/// message saying what was too deep, never the parser's exception as a 500 (issue: 377 bytes of nested selections).
/// </summary>
public sealed class NestingTests(SeededHost fixture) : IClassFixture<SeededHost>
{
    private HttpClient Client => fixture.Host.Anonymous();

    public static TheoryData<string, string> DeepDocuments => new()
    {
        // Fields nested past the parser's own limit, and inline fragments, which nest braces without fields.
        { "{" + Repeat("a {", 70) + "b" + Repeat("}", 71), "DEPTH_EXCEEDED" },
        { "{ skills { nodes { " + Repeat("... on Skill { ", 60) + "name" + Repeat(" }", 60) + " } } }", "DEPTH_EXCEEDED" },
        { "{ skills { nodes { " + Repeat("... on Skill { ", 25) + "name" + Repeat(" }", 25) + " } } }", "DEPTH_EXCEEDED" },
        // Values: input objects, lists, and both, in arguments and in a variable's default.
        { "{ skills(where: " + Repeat("{ and: [", 40) + "{}" + Repeat("] }", 40) + ") { nodes { name } } }", "INPUT_DEPTH_EXCEEDED" },
        { "{ nodes(ids: " + Repeat("[", 40) + "\"x\"" + Repeat("]", 40) + ") { id } }", "INPUT_DEPTH_EXCEEDED" },
        { "query($w: SkillFilterInput = " + Repeat("{ or: [", 20) + "{}" + Repeat("] }", 20) + ") { skills(where: $w) { nodes { name } } }", "INPUT_DEPTH_EXCEEDED" },
    };

    [Theory]
    [MemberData(nameof(DeepDocuments))]
    public async Task A_document_nested_too_deep_is_a_400_with_the_code_of_what_was_too_deep(string query, string code)
    {
        var reply = await Client.PostQueryAsync(query);

        reply.AssertStatus(HttpStatusCode.BadRequest).AssertCleanRefusal(code);
        Assert.Contains("nested", (string?)reply.Json!["errors"]![0]!["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Twelve_levels_of_fields_are_the_depth_rules_to_refuse()
    {
        var reply = await Client.PostQueryAsync("{" + Repeat("a {", 14) + "b" + Repeat("}", 15));

        reply.AssertStatus(HttpStatusCode.BadRequest).AssertCleanRefusal("DEPTH_EXCEEDED");
        Assert.Equal(15, (int)reply.Json!["errors"]![0]!["extensions"]!["depth"]!);
    }

    [Fact]
    public async Task A_variable_nested_too_deep_gets_the_same_code_and_limit_as_a_literal()
    {
        var reply = await Client.PostQueryAsync("query($w: SkillFilterInput) { skills(where: $w) { nodes { name } } }", new { w = Filter(20) });

        reply.AssertStatus(HttpStatusCode.BadRequest).AssertCleanRefusal("INPUT_DEPTH_EXCEEDED");
        Assert.Equal("The variable '$w' is nested more than 32 deep (objects and lists); at most 32 are allowed.", (string?)reply.Json!["errors"]![0]!["message"]);
    }

    [Fact]
    public async Task A_filter_within_the_limit_runs_the_same_as_a_literal_and_as_a_variable()
    {
        // 15 levels of and/or: 30 objects and lists, under the limit of 32.
        var literal = await Client.PostQueryAsync("{ skills(first: 3, where: " + Repeat("{ and: [", 15) + "{ name: { icontains: \"api\" } }" + Repeat("] }", 15) + ") { nodes { name } } }");
        var variable = await Client.PostQueryAsync("query($w: SkillFilterInput) { skills(first: 3, where: $w) { nodes { name } } }", new { w = Filter(15, new JsonObject { ["name"] = new JsonObject { ["icontains"] = "api" } }) });

        literal.AssertStatus(HttpStatusCode.OK);
        Assert.Null(literal.Json!["errors"]);
        Assert.Equal(literal.Json!["data"]!.ToJsonString(), variable.Json!["data"]!.ToJsonString());
        Assert.Equal(3, literal.Json!["data"]!["skills"]!["nodes"]!.AsArray().Count);
    }

    [Fact]
    public async Task Json_nested_past_what_the_server_reads_says_it_is_too_deep_not_invalid()
    {
        var body = "{\"query\":\"{ __typename }\",\"variables\":{\"v\":" + Repeat("[", 300) + Repeat("]", 300) + "}}";

        var reply = await Client.PostRawAsync(body);

        reply.AssertStatus(HttpStatusCode.BadRequest).AssertCleanRefusal("JSON_TOO_DEEP");
        Assert.Equal("The request body is nested more than 64 levels deep.", (string?)reply.Json!["errors"]![0]!["message"]);
    }

    [Fact]
    public async Task Json_that_is_broken_is_still_invalid_json()
    {
        (await Client.PostRawAsync("{\"query\": \"{ __typename }\"")).AssertStatus(HttpStatusCode.BadRequest).AssertCleanRefusal("INVALID_JSON");
    }

    private static JsonObject Filter(int levels, JsonObject? innermost = null)
    {
        var filter = innermost ?? new JsonObject();
        for (var i = 0; i < levels; i++)
        {
            filter = new JsonObject { ["and"] = new JsonArray(filter) };
        }

        return filter;
    }

    private static string Repeat(string text, int times) => string.Concat(Enumerable.Repeat(text, times));
}
