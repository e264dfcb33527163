using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;

namespace SkillMatrix.Host.Tests.Server.Http.BadInput;

/// <summary>
/// graphql-cop's checks (dolevf/graphql-cop, lib/tests/*.py), each with graphql-cop's own payload, and what this
/// server answers. Where graphql-cop would report a finding that is a decision of ours (introspection on, queries
/// over GET, the GraphiQL page, duplicate fields merged), the test pins the decision and its safeguard:
///
/// | graphql-cop check                      | payload                                     | here                                   |
/// | -------------------------------------- | ------------------------------------------- | -------------------------------------- |
/// | Alias Overloading (DoS)                | 101 aliases of __typename                   | refused, ALIASES_EXCEEDED              |
/// | Batch Queries (DoS)                    | JSON array of 11 requests                   | refused, BATCHING_NOT_SUPPORTED        |
/// | Field Duplication (DoS)                | __typename 500 times                        | by design: merged into one field       |
/// | Directive Overloading (DoS)            | __typename @aa x10                          | refused, KNOWN_DIRECTIVES; 51+: limit  |
/// | Circular Query using Introspection     | __schema{types{fields{type{fields{...       | refused, DEPTH_EXCEEDED                |
/// | Circular Fragment (DoS)                | fragment A spreads B spreads A              | refused, NO_FRAGMENT_CYCLES            |
/// | Introspection (info leak)              | introspection query                         | by design: on; GraphQL:Introspection   |
/// | Field Suggestions (info leak)          | __schema { directive }                      | no "Did you mean" outside Development  |
/// | GraphiQL / IDE (info leak)             | GET /graphiql /playground /console /graphql | off outside Development; GraphQL:Ide   |
/// | GET Method Query Support (CSRF)        | GET ?query={__typename}                     | by design: queries only, no cookies    |
/// | Mutation over GET (CSRF)               | GET ?query=mutation{__typename}             | refused, 405 METHOD_NOT_ALLOWED        |
/// | POST url-encoded query (CSRF)          | POST ?query=..., form and text bodies       | refused, 415 UNSUPPORTED_MEDIA_TYPE    |
/// | Trace / Debug Mode (info leak)         | { __typename }, errors                      | no tracing, no exception, no stack     |
/// | Unhandled Errors Detection (info leak) | qwerty cop { abc }                          | SYNTAX_ERROR, no exception details     |
/// </summary>
public sealed class GraphQLCopChecksTests(SeededHost fixture) : IClassFixture<SeededHost>
{
    private TestHost Host => fixture.Host;

    [Fact]
    public async Task Alias_overloading_with_101_aliases_is_refused_with_ALIASES_EXCEEDED()
    {
        var query = "query { " + string.Concat(Enumerable.Range(0, 101).Select(i => $"alias{i}:__typename \n")) + " }";

        var reply = await Host.Anonymous().PostQueryAsync(query);

        reply.AssertStatus(HttpStatusCode.BadRequest).AssertCleanRefusal("ALIASES_EXCEEDED");
        Assert.Null(reply.Json!["data"]);
    }

    [Fact]
    public async Task Batch_queries_are_refused_with_BATCHING_NOT_SUPPORTED()
    {
        var body = "[" + string.Join(",", Enumerable.Repeat("{\"query\": \"query { __typename }\"}", 11)) + "]";

        var reply = await Host.Anonymous().PostRawAsync(body, accept: RawHttp.Json);

        reply.AssertStatus(HttpStatusCode.BadRequest).AssertCleanRefusal("BATCHING_NOT_SUPPORTED");
    }

    /// <summary>
    /// A finding by design: graphql-cop reports "500 of the same repeated field" allowed. Identical fields merge
    /// (the spec's field collection), so the repetition runs once; what grows with it is the document, which the token
    /// limit bounds.
    /// </summary>
    [Fact]
    public async Task Field_duplication_merges_into_one_field_and_the_token_limit_bounds_it()
    {
        var client = Host.Anonymous();

        var typenames = await client.PostQueryAsync("query { " + string.Concat(Enumerable.Repeat("__typename \n", 500)) + "} ");
        typenames.AssertNoLeak();
        Assert.Equal("Query", (string?)typenames.Json!["data"]!["__typename"]);

        const string Role = "role(slug: \"backend-developer-python\") { name } ";
        await client.PostQueryAsync("{ " + Role + "}");
        Host.Statements.Clear();
        await client.PostQueryAsync("{ " + Role + "}");
        var once = Host.Statements.Statements.Count;
        Host.Statements.Clear();
        var repeated = await client.PostQueryAsync("{ " + string.Concat(Enumerable.Repeat(Role, 200)) + "}");
        Assert.True(repeated.Status == HttpStatusCode.OK && repeated.Json!["errors"] is null, repeated.ToString());
        Assert.Equal(once, Host.Statements.Statements.Count);

        (await client.PostQueryAsync("query { " + string.Concat(Enumerable.Repeat("__typename \n", 2500)) + "} "))
            .AssertStatus(HttpStatusCode.BadRequest).AssertCleanRefusal("TOKENS_EXCEEDED");
        (await client.PostQueryAsync("{ " + string.Concat(Enumerable.Repeat(Role, 500)) + "}"))
            .AssertStatus(HttpStatusCode.BadRequest).AssertCleanRefusal("TOKENS_EXCEEDED");
    }

    /// <summary>
    /// graphql-cop flags "exactly 10 errors" for ten unknown directives; they are validation errors here (nothing
    /// runs), and past 50 directives the limit refuses the document with one error, so the error list stays bounded.
    /// </summary>
    [Fact]
    public async Task Directive_overloading_is_refused_and_past_the_limit_with_DIRECTIVES_EXCEEDED()
    {
        var client = Host.Anonymous();

        var unknown = await client.PostQueryAsync("query { __typename @aa@aa@aa@aa@aa@aa@aa@aa@aa@aa }");
        unknown.AssertStatus(HttpStatusCode.BadRequest).AssertCleanRefusal("KNOWN_DIRECTIVES");
        Assert.Null(unknown.Json!["data"]);

        var known = await client.PostQueryAsync("query { __typename " + string.Concat(Enumerable.Repeat("@include(if: true)", 60)) + " }");
        known.AssertStatus(HttpStatusCode.BadRequest).AssertCleanRefusal("DIRECTIVES_EXCEEDED", "UNIQUE_DIRECTIVES_PER_LOCATION");
        Assert.Contains("DIRECTIVES_EXCEEDED", known.Codes);

        var many = await client.PostQueryAsync("query { __typename " + string.Concat(Enumerable.Repeat("@aa", 60)) + " }");
        many.AssertStatus(HttpStatusCode.BadRequest).AssertCleanRefusal("DIRECTIVES_EXCEEDED", "KNOWN_DIRECTIVES");
        Assert.Contains("DIRECTIVES_EXCEEDED", many.Codes);

        var thousand = await client.PostQueryAsync("query { __typename " + string.Concat(Enumerable.Repeat("@aa", 1000)) + " }");
        thousand.AssertStatus(HttpStatusCode.BadRequest).AssertCleanRefusal("TOKENS_EXCEEDED", "DIRECTIVES_EXCEEDED");
        Assert.Single(thousand.Json!["errors"]!.AsArray());
    }

    [Fact]
    public async Task Circular_introspection_is_refused_with_DEPTH_EXCEEDED()
    {
        const string Query = "query { __schema { types { fields { type { fields { type { fields { type { fields { type { name } } } } } } } } } } }";

        var reply = await Host.Anonymous().PostQueryAsync(Query);

        reply.AssertStatus(HttpStatusCode.BadRequest).AssertCleanRefusal("DEPTH_EXCEEDED");
        Assert.Null(reply.Json!["data"]);
    }

    [Fact]
    public async Task A_circular_fragment_is_refused_with_NO_FRAGMENT_CYCLES()
    {
        const string Query = "query { __schema { ...A } } fragment A on __Schema { __typename ...B } fragment B on __Schema { ...A }";

        var reply = await Host.Anonymous().PostQueryAsync(Query);

        reply.AssertStatus(HttpStatusCode.BadRequest).AssertCleanRefusal("NO_FRAGMENT_CYCLES");
    }

    /// <summary>A finding by design: the schema is public (and printed at GET /graphql?sdl); an operator can turn it off.</summary>
    [Fact]
    public async Task Introspection_is_on_by_default_and_GraphQL_Introspection_false_refuses_it()
    {
        const string Query = "query { __schema { queryType { name } types { name kind } } }";

        var open = await Host.Anonymous().PostQueryAsync(Query);
        Assert.True(open.Status == HttpStatusCode.OK && open.Json!["errors"] is null, open.ToString());
        Assert.True(open.Json!["data"]!["__schema"]!["types"]!.AsArray().Count > 25, open.ToString());

        await using var closed = await TestHost.Start().WithSetting("GraphQL:Introspection", "false").BuildAsync();
        var client = closed.Anonymous();
        (await client.PostQueryAsync(Query)).AssertStatus(HttpStatusCode.BadRequest).AssertCleanRefusal("INTROSPECTION_DISABLED");
        (await client.PostQueryAsync("{ __type(name: \"Role\") { fields { name } } }")).AssertStatus(HttpStatusCode.BadRequest).AssertCleanRefusal("INTROSPECTION_DISABLED");
        (await client.GetRawAsync("/graphql?query=" + Uri.EscapeDataString(Query))).AssertStatus(HttpStatusCode.BadRequest).AssertCleanRefusal("INTROSPECTION_DISABLED");
    }

    [Theory]
    [InlineData("/graphql?sdl")]
    [InlineData("/graphql?SDL")]
    [InlineData("/graphql?sdl=1")]
    public async Task The_schema_text_obeys_the_introspection_switch(string path)
    {
        var open = await Host.Anonymous().GetAsync(new Uri(path, UriKind.Relative));
        Assert.Contains("type Query", await open.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await using var closed = await TestHost.Start().WithSetting("GraphQL:Introspection", "false").BuildAsync();
        using var refused = await closed.Anonymous().GetAsync(new Uri(path, UriKind.Relative));

        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
        Assert.DoesNotContain("type Query", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("query { __schema { directive } }")]
    [InlineData("{ rol(slug: \"backend-developer-python\") { name } }")]
    [InlineData("{ role(slug: \"backend-developer-python\") { nam } }")]
    [InlineData("{ role(slugg: \"backend-developer-python\") { name } }")]
    [InlineData("{ skills(first: 1, order: [{ nme: ASC }]) { nodes { name } } }")]
    [InlineData("{ estimateGrade(input: { roleSlug: \"x\", ratings: [{ skill: \"y\", proficiency: WORKIN }] }) { level { key } } }")]
    public async Task Field_suggestions_are_not_given_outside_Development(string query)
    {
        var reply = await Host.Anonymous().PostQueryAsync(query);

        reply.AssertStatus(HttpStatusCode.BadRequest).AssertCleanRefusal();
        Assert.DoesNotContain("Did you mean", reply.Text, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// A finding (LOW in graphql-cop) only where the IDE is on: /graphql serves the GraphiQL page to a browser only in
    /// Development or with GraphQL:Ide:Enabled (see Server/Http/IdeTests). This host is not in Development, so a browser
    /// gets what any client without a query gets; the usual IDE paths are never served.
    /// </summary>
    [Fact]
    public async Task The_IDE_is_not_served_outside_Development_nor_at_the_usual_IDE_paths()
    {
        var client = Host.Anonymous();

        var page = await client.GetRawAsync("/graphql", "text/html");
        Assert.Equal(HttpStatusCode.NotAcceptable, page.Status);
        Assert.DoesNotContain("graphiql", page.Text, StringComparison.OrdinalIgnoreCase);

        foreach (var path in new[] { "/graphiql", "/playground", "/console", "/altair", "/voyager" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetRawAsync(path, "text/html")).Status);
        }

        (await client.GetRawAsync("/graphql", RawHttp.Json)).AssertStatus(HttpStatusCode.BadRequest).AssertCleanRefusal("INVALID_REQUEST");
    }

    /// <summary>
    /// A finding by design (MEDIUM in graphql-cop, "possible CSRF"): the GraphQL-over-HTTP spec has queries over GET.
    /// They cannot change anything (mutations over GET are 405), and sign-in is a bearer token, never a cookie, so a
    /// cross-site GET carries no credentials.
    /// </summary>
    [Fact]
    public async Task Queries_over_GET_are_allowed()
    {
        var reply = await Host.Anonymous().GetRawAsync("/graphql?query=" + Uri.EscapeDataString("{__typename}"), RawHttp.Json);

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal("Query", (string?)reply.Json!["data"]!["__typename"]);
        Assert.False(reply.Headers.Contains("Set-Cookie"));
    }

    [Theory]
    [InlineData("mutation {__typename}", null)]
    [InlineData("mutation { watchRole(input: { roleSlug: \"backend-developer-python\" }) { role { name } } }", null)]
    [InlineData("query Q { __typename } mutation M { __typename }", "M")]
    public async Task Mutations_over_GET_are_405_with_Allow_POST(string query, string? operationName)
    {
        var url = "/graphql?query=" + Uri.EscapeDataString(query) + (operationName is null ? "" : "&operationName=" + operationName);

        foreach (var accept in new[] { RawHttp.Json, RawHttp.GraphQLResponseJson, "*/*" })
        {
            var reply = await Host.Anonymous().GetRawAsync(url, accept);
            reply.AssertStatus(HttpStatusCode.MethodNotAllowed).AssertCleanRefusal("METHOD_NOT_ALLOWED");
            Assert.Null(reply.Json!["data"]);
        }
    }

    [Fact]
    public async Task Posts_without_a_JSON_body_are_415_so_a_cross_site_form_cannot_send_one()
    {
        var client = Host.Anonymous();

        // graphql-cop's payload: POST with the query in the URL and no body.
        using var bare = new HttpRequestMessage(HttpMethod.Post, "/graphql?query=" + Uri.EscapeDataString("query {__typename}"));
        (await client.SendRawAsync(bare)).AssertStatus(HttpStatusCode.UnsupportedMediaType).AssertCleanRefusal("UNSUPPORTED_MEDIA_TYPE");

        (await client.PostRawAsync("query=" + Uri.EscapeDataString("mutation { watchRole(input: { roleSlug: \"backend-developer-python\" }) { role { name } } }"), "application/x-www-form-urlencoded"))
            .AssertStatus(HttpStatusCode.UnsupportedMediaType).AssertCleanRefusal("UNSUPPORTED_MEDIA_TYPE");
        (await client.PostRawAsync("{\"query\": \"mutation { __typename }\"}", "text/plain"))
            .AssertStatus(HttpStatusCode.UnsupportedMediaType).AssertCleanRefusal("UNSUPPORTED_MEDIA_TYPE");
        using var form = new MultipartFormDataContent { { new StringContent("mutation { __typename }"), "query" } };
        (await client.PostRawAsync(form)).AssertStatus(HttpStatusCode.UnsupportedMediaType).AssertCleanRefusal("UNSUPPORTED_MEDIA_TYPE");
    }

    [Fact]
    public async Task There_is_no_trace_or_debug_mode_in_answers()
    {
        var client = Host.Anonymous();

        var ok = await client.PostQueryAsync("query { __typename }");
        Assert.Equal(HttpStatusCode.OK, ok.Status);
        Assert.Null(ok.Json!["extensions"]);

        using var debug = new HttpRequestMessage(HttpMethod.Post, "/graphql?debug=1&trace=1")
        {
            Content = new StringContent("{\"query\": \"query { __typename }\", \"extensions\": {\"tracing\": true, \"debug\": true}}", System.Text.Encoding.UTF8, "application/json"),
        };
        debug.Headers.Add("X-Debug", "1");
        debug.Headers.Add("Apollo-Tracing", "1");
        var traced = await client.SendRawAsync(debug);
        Assert.Equal(HttpStatusCode.OK, traced.Status);
        Assert.Null(traced.Json!["extensions"]);

        var error = await client.PostQueryAsync("query { __typename @aa }");
        error.AssertCleanRefusal();
        Assert.All(error.Json!["errors"]!.AsArray(), e => Assert.Null(e!["extensions"]!["tracing"]));
    }

    [Theory]
    [InlineData("qwerty cop { abc }", "SYNTAX_ERROR")]
    [InlineData("{", "SYNTAX_ERROR")]
    [InlineData("query { __typename", "SYNTAX_ERROR")]
    [InlineData("{ levels { key } } }", "SYNTAX_ERROR")]
    [InlineData("\"\"\"", "SYNTAX_ERROR")]
    [InlineData("{ levels(where: { key: { eq: 1 } }) { key } }", "ARGUMENTS_OF_CORRECT_TYPE")]
    public async Task Unhandled_errors_are_coded_and_expose_no_exception(string query, string code)
    {
        foreach (var accept in new[] { RawHttp.Json, RawHttp.GraphQLResponseJson })
        {
            var reply = await Host.Anonymous().PostQueryAsync(query, accept: accept);
            reply.AssertCleanRefusal(code);
            Assert.All(reply.Json!["errors"]!.AsArray(), e => Assert.Null(e!["extensions"]?["exception"]));
            Assert.All(reply.Json!["errors"]!.AsArray(), e => Assert.IsType<JsonObject>(e!["extensions"]));
        }
    }
}
