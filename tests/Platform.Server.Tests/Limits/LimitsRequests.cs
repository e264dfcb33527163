using System.Text.Json;
using Platform.Server.Tests.Http;

namespace Platform.Server.Tests.Limits;

internal static class LimitsRequests
{
    /// <summary>POSTs a query asking for the cost report, optionally as a member.</summary>
    public static Task<Reply> SendAsync(this ToyServer server, string query, object? variables = null, string? member = null,
        string accept = GraphQLHttp.GraphQLResponseJson, bool reportCost = true, string? address = null)
    {
        var request = GraphQLHttp.PostQuery(query, variables, accept);
        if (address is not null)
        {
            request.Headers.Add(ToyServer.AddressHeader, address);
        }

        if (reportCost)
        {
            request.Headers.Add("GraphQL-Cost", "report");
        }

        if (member is not null)
        {
            request.Headers.Add(ToyServer.MemberHeader, member);
        }

        return server.Client.ExchangeAsync(request);
    }

    public static long Cost(this Reply reply) =>
        reply.Json.GetProperty("extensions").GetProperty("cost").GetProperty("requestedQueryCost").GetInt64();

    public static JsonElement ErrorExtensions(this Reply reply, int index = 0) =>
        reply.Json.GetProperty("errors")[index].GetProperty("extensions");

    public static Reply AssertNoErrors(this Reply reply)
    {
        Assert.False(reply.Json.TryGetProperty("errors", out _), reply.ToString());
        return reply;
    }

    /// <summary>graphql-js 16's getIntrospectionQuery(), as GraphiQL sends it: 14 levels deep.</summary>
    public const string IntrospectionQuery = """
        query IntrospectionQuery {
          __schema {
            queryType { name }
            mutationType { name }
            subscriptionType { name }
            types { ...FullType }
            directives { name description locations args { ...InputValue } }
          }
        }
        fragment FullType on __Type {
          kind name description
          fields(includeDeprecated: true) { name description args { ...InputValue } type { ...TypeRef } isDeprecated deprecationReason }
          inputFields { ...InputValue }
          interfaces { ...TypeRef }
          enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason }
          possibleTypes { ...TypeRef }
        }
        fragment InputValue on __InputValue { name description type { ...TypeRef } defaultValue }
        fragment TypeRef on __Type {
          kind name
          ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } } }
        }
        """;
}
