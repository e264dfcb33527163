using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace SkillMatrix.Host.Tests.Server.Observability;

/// <summary>One span per GraphQL operation, between the ASP.NET Core request span and the EF Core command spans.</summary>
public sealed class GraphQLOperationSpanTests(TelemetryHost fixture) : IClassFixture<TelemetryHost>
{
    private TestHost Host => fixture.Host;

    private const string RoleQuery = """query Costly { role(slug: "backend-developer-python") { name family { name } } }""";

    [Fact]
    public async Task A_query_has_an_operation_span_under_the_request_span_with_the_database_spans_under_it()
    {
        var (traceId, _) = await Host.Anonymous().PostTracedAsync(RoleQuery, "Costly");

        var trace = await Host.Telemetry.TraceAsync(traceId);
        var request = Assert.Single(trace, span => span.Source.Name == "Microsoft.AspNetCore");
        var operation = Assert.Single(trace, span => span.Source.Name == "SkillMatrix.GraphQL");
        Assert.Equal("graphql query Costly", operation.DisplayName);
        Assert.Equal(request.SpanId, operation.ParentSpanId);
        Assert.Equal(ActivityKind.Internal, operation.Kind);
        Assert.Equal(ActivityStatusCode.Unset, operation.Status);

        Assert.Equal("Costly", operation.GetTagItem("graphql.operation.name"));
        Assert.Equal("query", operation.GetTagItem("graphql.operation.type"));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(RoleQuery))), operation.GetTagItem("graphql.document.hash"));
        Assert.Equal(TelemetryHost.RoleNameCost + 1, Convert.ToInt32(operation.GetTagItem("skillmatrix.cost"), System.Globalization.CultureInfo.InvariantCulture)); // the role and its family
        Assert.Equal(0, operation.GetTagItem("skillmatrix.graphql.error_count"));
        // The document's text (and its literals) stays out of the span.
        Assert.DoesNotContain(operation.TagObjects, tag => tag.Key == "graphql.document");

        var database = trace.Where(span => span.Source.Name.Contains("EntityFrameworkCore", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(database);
        // Beneath it, not always straight under it: a statement run while a connection opens (the SQLite pragmas)
        // is a child of the command that opened it.
        Assert.All(database, span => Assert.Contains(operation.SpanId, Ancestors(span, trace)));
    }

    [Fact]
    public async Task An_anonymous_operation_is_named_by_its_type_alone_and_has_its_cost()
    {
        var (traceId, _) = await Host.Anonymous().PostTracedAsync("""{ role(slug: "backend-developer-python") { name } }""");

        var operation = Assert.Single(await Host.Telemetry.TraceAsync(traceId), span => span.Source.Name == "SkillMatrix.GraphQL");
        Assert.Equal("graphql query", operation.DisplayName);
        Assert.Null(operation.GetTagItem("graphql.operation.name"));
        Assert.Equal(TelemetryHost.RoleNameCost, Convert.ToInt32(operation.GetTagItem("skillmatrix.cost"), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_request_error_is_counted_on_the_span_without_failing_it()
    {
        // The client's mistake, not the server's fault: the span stays unset, the errors are counted.
        var (traceId, body) = await Host.Anonymous().PostTracedAsync("query Broken { role(slug: \"x\") { noSuchField } }", "Broken");

        Assert.Contains("noSuchField", body, StringComparison.Ordinal);
        var operation = Assert.Single(await Host.Telemetry.TraceAsync(traceId), span => span.Source.Name == "SkillMatrix.GraphQL");
        Assert.Equal("graphql query Broken", operation.DisplayName);
        Assert.Equal("query", operation.GetTagItem("graphql.operation.type"));
        Assert.Equal(1, operation.GetTagItem("skillmatrix.graphql.error_count"));
        Assert.Equal(ActivityStatusCode.Unset, operation.Status);
    }

    [Fact]
    public async Task A_document_that_does_not_parse_still_has_a_span()
    {
        var (traceId, _) = await Host.Anonymous().PostTracedAsync("{ role(", "Whatever");

        var operation = Assert.Single(await Host.Telemetry.TraceAsync(traceId), span => span.Source.Name == "SkillMatrix.GraphQL");
        Assert.Equal("graphql Whatever", operation.DisplayName);
        Assert.Null(operation.GetTagItem("graphql.operation.type"));
        Assert.Equal(1, operation.GetTagItem("skillmatrix.graphql.error_count"));
    }

    private static IEnumerable<ActivitySpanId> Ancestors(Activity span, IReadOnlyList<Activity> trace)
    {
        for (var parent = trace.FirstOrDefault(s => s.SpanId == span.ParentSpanId); parent is not null;
             parent = trace.FirstOrDefault(s => s.SpanId == parent.ParentSpanId))
        {
            yield return parent.SpanId;
        }
    }
}
