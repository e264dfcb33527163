using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Platform.Server.PersistedQueries;
using static Platform.Tests.Shared.GraphQLHttp;

namespace Platform.Server.Tests.PersistedQueries;

/// <summary>
/// Automatic persisted queries on the toy server, as Apollo Client's persisted-queries link drives them: the hash
/// first, the query with its hash on PersistedQueryNotFound, the hash alone from then on, over POST or GET.
/// </summary>
public sealed class AutomaticPersistedQueryTests : IAsyncLifetime
{
    private const string Query = "query Greet($name: String) { hello(name: $name) }";

    private readonly List<ToyServer> servers = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var server in servers)
        {
            await server.DisposeAsync();
        }
    }

    [Theory]
    [InlineData(GraphQLResponseJson)]
    [InlineData(Json)]
    public async Task An_unknown_hash_is_persisted_query_not_found_with_200_and_no_cache(string accept)
    {
        var server = await StartAsync();

        var reply = await server.Client.ExchangeAsync(Post(Body(null, Sha256(Query)), accept));

        reply.AssertIs(HttpStatusCode.OK, accept).AssertRequestError("PERSISTED_QUERY_NOT_FOUND");
        Assert.Equal(["PersistedQueryNotFound"], reply.ErrorMessages);
        Assert.True(reply.Headers.CacheControl?.NoCache, reply.ToString());
    }

    [Fact]
    public async Task A_query_registered_with_its_hash_is_then_served_by_hash_alone()
    {
        var server = await StartAsync();
        var hash = Sha256(Query);

        var registered = await server.Client.ExchangeAsync(Post(Body(Query, hash, new { name = "Ada" })));
        var byHash = await server.Client.ExchangeAsync(Post(Body(null, hash, new { name = "Ada" })));

        registered.AssertIs(HttpStatusCode.OK);
        byHash.AssertIs(HttpStatusCode.OK);
        Assert.Equal("Hello, Ada!", byHash.Json.GetProperty("data").GetProperty("hello").GetString());
        Assert.Equal(registered.Body, byHash.Body);
    }

    [Fact]
    public async Task A_hash_in_upper_case_hex_is_the_same_hash()
    {
        var server = await StartAsync();

        (await server.Client.ExchangeAsync(Post(Body(Query, Sha256(Query).ToUpperInvariant())))).AssertIs(HttpStatusCode.OK);
        var byHash = await server.Client.ExchangeAsync(Post(Body(null, Sha256(Query))));

        Assert.Equal("Hello, world!", byHash.Json.GetProperty("data").GetProperty("hello").GetString());
    }

    [Fact]
    public async Task A_hash_that_is_not_the_query_s_is_refused_and_nothing_is_stored()
    {
        var server = await StartAsync();
        var otherHash = Sha256("{ hello }");

        var mismatch = await server.Client.ExchangeAsync(Post(Body(Query, otherHash)));
        var byHash = await server.Client.ExchangeAsync(Post(Body(null, otherHash)));

        mismatch.AssertIs(HttpStatusCode.BadRequest).AssertRequestError("PERSISTED_QUERY_HASH_MISMATCH");
        byHash.AssertRequestError("PERSISTED_QUERY_NOT_FOUND");
        Assert.Equal(0, Store(server).Count);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(0)]
    public async Task A_version_other_than_1_is_refused(int version)
    {
        var server = await StartAsync();
        var body = JsonSerializer.Serialize(new { query = Query, extensions = new { persistedQuery = new { version, sha256Hash = Sha256(Query) } } });

        var reply = await server.Client.ExchangeAsync(Post(body));

        reply.AssertIs(HttpStatusCode.BadRequest).AssertRequestError("PERSISTED_QUERY_VERSION_NOT_SUPPORTED");
        Assert.Equal(0, Store(server).Count);
    }

    [Fact]
    public async Task Get_by_hash_runs_a_registered_query()
    {
        var server = await StartAsync();
        var hash = Sha256(Query);
        (await server.Client.ExchangeAsync(Post(Body(Query, hash)))).AssertIs(HttpStatusCode.OK);

        var reply = await server.Client.ExchangeAsync(Get(
            "extensions=" + Encode(Extensions(hash)) + "&variables=" + Encode("""{"name":"Grace"}""")));

        reply.AssertIs(HttpStatusCode.OK);
        Assert.Equal("Hello, Grace!", reply.Json.GetProperty("data").GetProperty("hello").GetString());
    }

    [Fact]
    public async Task Get_by_an_unknown_hash_is_persisted_query_not_found()
    {
        var server = await StartAsync();

        var reply = await server.Client.ExchangeAsync(Get("extensions=" + Encode(Extensions(Sha256(Query)))));

        reply.AssertIs(HttpStatusCode.OK).AssertRequestError("PERSISTED_QUERY_NOT_FOUND");
    }

    [Fact]
    public async Task A_mutation_by_hash_over_get_is_405_and_does_not_run()
    {
        var server = await StartAsync();
        const string mutation = "mutation { echo(text: \"x\") }";
        var hash = Sha256(mutation);
        (await server.Client.ExchangeAsync(Post(Body(mutation, hash)))).AssertIs(HttpStatusCode.OK);

        var reply = await server.Client.ExchangeAsync(Get("extensions=" + Encode(Extensions(hash))));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, reply.Status);
        Assert.Equal("POST", reply.ContentHeaders.Allow.Single());
        Assert.False(reply.HasData, reply.ToString());
    }

    [Fact]
    public async Task Disabled_the_extension_is_ignored_and_a_hash_alone_is_a_request_without_query()
    {
        var server = await StartAsync(enabled: false);
        var hash = Sha256(Query);

        var withQuery = await server.Client.ExchangeAsync(Post(Body(Query, Sha256("{ hello }"))));
        var hashOnly = await server.Client.ExchangeAsync(Post(Body(null, hash)));
        var getHashOnly = await server.Client.ExchangeAsync(Get("extensions=" + Encode(Extensions(hash))));

        withQuery.AssertIs(HttpStatusCode.OK);
        Assert.Equal("Hello, world!", withQuery.Json.GetProperty("data").GetProperty("hello").GetString());
        hashOnly.AssertIs(HttpStatusCode.BadRequest).AssertRequestError("INVALID_REQUEST");
        Assert.Equal(["The 'query' parameter is missing."], hashOnly.ErrorMessages);
        getHashOnly.AssertIs(HttpStatusCode.BadRequest).AssertRequestError("INVALID_REQUEST");
        Assert.Equal(0, Store(server).Count);
    }

    [Theory]
    [InlineData("""{"extensions":{"other":1}}""")]
    [InlineData("""{"extensions":{"persistedQuery":null}}""")]
    [InlineData("""{"variables":{}}""")]
    public async Task A_request_with_neither_query_nor_the_extension_is_refused_as_before(string body)
    {
        var server = await StartAsync();

        var reply = await server.Client.ExchangeAsync(Post(body));

        reply.AssertIs(HttpStatusCode.BadRequest).AssertRequestError("INVALID_REQUEST");
        Assert.Equal(["The 'query' parameter is missing."], reply.ErrorMessages);
    }

    [Fact]
    public async Task The_store_keeps_the_most_recently_used_up_to_its_bound()
    {
        var server = await StartAsync(maxDocuments: 2);
        string[] queries = ["{ a: hello }", "{ b: hello }", "{ c: hello }"];
        foreach (var query in queries[..2])
        {
            (await server.Client.ExchangeAsync(Post(Body(query, Sha256(query))))).AssertIs(HttpStatusCode.OK);
        }

        // a is used again, so b is the least recently used when c comes in.
        (await server.Client.ExchangeAsync(Post(Body(null, Sha256(queries[0]))))).AssertIs(HttpStatusCode.OK);
        (await server.Client.ExchangeAsync(Post(Body(queries[2], Sha256(queries[2]))))).AssertIs(HttpStatusCode.OK);

        Assert.Equal(2, Store(server).Count);
        Assert.False((await server.Client.ExchangeAsync(Post(Body(null, Sha256(queries[0]))))).ErrorCodes.Any());
        Assert.Equal(["PERSISTED_QUERY_NOT_FOUND"], (await server.Client.ExchangeAsync(Post(Body(null, Sha256(queries[1]))))).ErrorCodes);
        Assert.False((await server.Client.ExchangeAsync(Post(Body(null, Sha256(queries[2]))))).ErrorCodes.Any());
    }

    [Fact]
    public async Task A_stored_text_is_held_to_the_document_size_limit()
    {
        var server = await StartAsync(maxDocuments: 10, limits: true);
        var longQuery = "{ " + string.Join(' ', Enumerable.Range(0, 40).Select(i => $"a{i}: hello")) + " }";

        var reply = await server.Client.ExchangeAsync(Post(Body(longQuery, Sha256(longQuery))));

        reply.AssertIs(HttpStatusCode.BadRequest);
        Assert.False(reply.HasData, reply.ToString());
        Assert.Equal(0, Store(server).Count);
    }

    private async Task<ToyServer> StartAsync(bool enabled = true, int? maxDocuments = null, bool limits = false)
    {
        var settings = new Dictionary<string, string?> { ["GraphQL:PersistedQueries:Enabled"] = enabled.ToString() };
        if (maxDocuments is { } max)
        {
            settings["GraphQL:PersistedQueries:MaxDocuments"] = max.ToString(CultureInfo.InvariantCulture);
        }

        var builder = ToyServer.Create().WithSettings(settings).WithServices(services => services.AddGraphQLPersistedQueries());
        if (limits)
        {
            builder.WithLimits(o => o.MaxDocumentBytes = 100);
        }

        var server = await builder.StartAsync();
        servers.Add(server);
        return server;
    }

    private static PersistedQueryStore Store(ToyServer server) => server.Services.GetRequiredService<PersistedQueryStore>();

    private static string Sha256(string query) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(query)));

    private static string Extensions(string hash) => JsonSerializer.Serialize(new { persistedQuery = new { version = 1, sha256Hash = hash } });

    /// <summary>A POST body; without a query the member is left out, as Apollo Client leaves it out.</summary>
    private static string Body(string? query, string hash, object? variables = null) =>
        JsonSerializer.Serialize(new { query, variables, extensions = new { persistedQuery = new { version = 1, sha256Hash = hash } } },
            OmitNulls);

    private static readonly JsonSerializerOptions OmitNulls = new() { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };
}
