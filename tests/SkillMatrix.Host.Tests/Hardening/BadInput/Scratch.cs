using System.Text;
using SkillMatrix.Host.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SkillMatrix.Host.Tests.Hardening.BadInput;

public sealed class ScratchBadInput(SkillMatrixFactory factory, ITestOutputHelper output) : IClassFixture<SkillMatrixFactory>
{
    [Fact]
    public async Task Dump()
    {
        var c = factory.CreateClient();
        async Task P(string label, Task<RawReply> t) { var r = await t; output.WriteLine($"== {label}: {r.ToString()[..Math.Min(400, r.ToString().Length)].Replace("\n"," ")}"); }
        await P("100k slug", c.PostQueryAsync("query($s: String!) { role(slug: $s) { name } }", new { s = new string('x', 100_000) }));
        await P("60k x icontains", c.PostQueryAsync("query($s: String) { skills(first: 2, where: { name: { icontains: $s } }) { nodes { name } } }", new { s = new string('x', 60_000) }));
        await P("49k x icontains", c.PostQueryAsync("query($s: String) { skills(first: 2, where: { name: { icontains: $s } }) { nodes { name } } }", new { s = new string('x', 49_000) }));
        await P("60k x eq", c.PostQueryAsync("query($s: String) { skills(first: 2, where: { name: { eq: $s } }) { nodes { name } } }", new { s = new string('x', 60_000) }));
        await P("60k x startsWith", c.PostQueryAsync("query($s: String) { skills(first: 2, where: { name: { startsWith: $s } }) { nodes { name } } }", new { s = new string('x', 60_000) }));
        await P("60k x contains", c.PostQueryAsync("query($s: String) { skills(first: 2, where: { name: { contains: $s } }) { nodes { name } } }", new { s = new string('x', 60_000) }));
        await P("60k x in", c.PostQueryAsync("query($s: String) { skills(first: 2, where: { name: { in: [$s] } }) { nodes { name } } }", new { s = new string('x', 60_000) }));
        await P("deep json var obj", c.PostRawAsync("{\"query\":\"{__typename}\",\"variables\":{\"a\":" + new string('[', 60) + new string(']', 60) + "}}"));
        await P("dup keys", c.PostRawAsync("{\"query\":\"{__typename}\",\"query\":\"{ levels { key } }\"}"));
        await P("fields dup", c.PostQueryAsync("query { " + string.Concat(Enumerable.Repeat("__typename \n", 500)) + "}"));
        await P("aliases", c.PostQueryAsync("query { " + string.Concat(Enumerable.Range(0, 101).Select(i => $"alias{i}:__typename \n")) + "}"));
        await P("batch", c.PostRawAsync("[" + string.Join(",", Enumerable.Repeat("{\"query\":\"query { __typename }\"}", 11)) + "]"));
        await P("trace", c.PostQueryAsync("query { __typename }"));
        await P("ide", c.GetRawAsync("/graphql", "text/html"));
        foreach (var p in new[] { "/graphiql", "/playground", "/console" }) await P(p, c.GetRawAsync(p, "text/html"));
        await P("put", c.SendRawAsync(new HttpRequestMessage(HttpMethod.Put, "/graphql") { Content = new StringContent("{}") }));
        await P("accept text", c.PostQueryAsync("{__typename}", accept: "text/plain"));
        await P("latin1", c.PostRawAsync("{\"query\":\"{__typename}\"}", "application/json; charset=iso-8859-1"));
        await P("get no query", c.GetRawAsync("/graphql"));
        await P("get bad vars", c.GetRawAsync("/graphql?query=%7B__typename%7D&variables=%7Bnope"));
        await P("get dup query", c.GetRawAsync("/graphql?query=%7B__typename%7D&query=%7B__typename%7D"));
    }
}
