using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using GraphQL;
using GraphQL.Types;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Platform.Data.Schema;

namespace SkillMatrix.Host.Tests.Hardening;

/// <summary>Test-only fields for the limits: SQL that never ends unless cancelled, and a resolver that fails.</summary>
internal sealed class LimitsTestSlice : ISchemaSlice
{
    public void AddQueryFields(ObjectGraphType query)
    {
        query.Field<LongGraphType>("endlessSql").ResolveAsync(async context =>
        {
            // Through EF Core on the request's connection, with the container's interceptors, as a module's query runs.
            var services = context.RequestServices!;
            var options = new DbContextOptionsBuilder<DbContext>()
                .UseSqlite(services.GetRequiredService<SqliteConnection>())
                .AddInterceptors(services.GetServices<IInterceptor>())
                .Options;
            await using var db = new DbContext(options);
            // Counts for ever: only an interrupt of the connection ends it.
            return await db.Database
                .SqlQueryRaw<long>("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) AS Value FROM c")
                .SingleAsync(context.CancellationToken);
        });
        query.Field<StringGraphType>("explode").Resolve(_ => throw new InvalidOperationException("connection string Password=hunter2"));
    }
}

internal sealed record LimitsReply(HttpStatusCode Status, HttpResponseHeaders Headers, JsonObject Body)
{
    public IReadOnlyList<string?> ErrorCodes =>
        Body["errors"]?.AsArray().Select(e => (string?)e!["extensions"]?["code"]).ToList() ?? [];

    public long? Cost => (long?)Body["extensions"]?["cost"]?["requestedQueryCost"];

    public JsonNode? Extensions(int error = 0) => Body["errors"]![error]!["extensions"];

    public LimitsReply AssertNoErrors()
    {
        Assert.True(Status == HttpStatusCode.OK && Body["errors"] is null, ToString());
        return this;
    }

    public LimitsReply AssertRefused(HttpStatusCode status, string code)
    {
        Assert.True(Status == status, ToString());
        Assert.True(ErrorCodes.Contains(code), ToString());
        return this;
    }

    public override string ToString() => $"{(int)Status}: {Body.ToJsonString()}";
}

internal static class LimitsClient
{
    /// <summary>POSTs a query with <c>GraphQL-Cost: report</c>, asking for application/graphql-response+json.</summary>
    public static async Task<LimitsReply> SendAsync(this HttpClient client, string query, string? token = null, object? variables = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query, variables }) };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/graphql-response+json"));
        request.Headers.Add("GraphQL-Cost", "report");
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await client.SendAsync(request);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        return new LimitsReply(response.StatusCode, response.Headers, body);
    }
}
