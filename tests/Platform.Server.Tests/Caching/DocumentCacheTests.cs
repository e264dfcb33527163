using System.Net;
using GraphQL.Execution;
using GraphQL.Types;
using GraphQLParser.AST;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Platform.Server.Caching;
using Platform.Server.Limits;
using Platform.Server.Security;
using Platform.Server.Tests.Http;
using Platform.Server.Tests.Limits;
using Platform.Server.Tests.Security;

namespace Platform.Server.Tests.Caching;

/// <summary>
/// The document cache on the toy servers: a text is parsed (and fully validated) once, the least recently used goes
/// at the bound, nothing refused is kept, and on a hit the request-dependent rules still refuse.
/// </summary>
public sealed class DocumentCacheTests : IAsyncLifetime
{
    private const string DeepQuery = "{ authors { books { author { books { title } } } } }";

    private readonly List<ToyServer> servers = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var server in servers)
        {
            await server.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_second_identical_request_is_not_parsed_again_and_answers_the_same()
    {
        var server = await StartAsync();

        var miss = (await server.SendAsync("{ hello }")).AssertNoErrors();
        var hit = (await server.SendAsync("{ hello }")).AssertNoErrors();

        Assert.Equal(1, Parses(server));
        Assert.Equal(1, Cache(server).Count);
        Assert.Equal(miss.Body, hit.Body);
    }

    [Fact]
    public async Task A_different_text_misses()
    {
        var server = await StartAsync();

        (await server.SendAsync("{ hello }")).AssertNoErrors();
        (await server.SendAsync("{ hello }\n")).AssertNoErrors();

        Assert.Equal(2, Parses(server));
        Assert.Equal(2, Cache(server).Count);
    }

    [Fact]
    public async Task At_the_bound_the_least_recently_used_document_goes()
    {
        var server = await StartAsync(maxDocuments: 2);

        await server.SendAsync("{ a: hello }");
        await server.SendAsync("{ b: hello }");
        await server.SendAsync("{ a: hello }"); // a hit: b is now the least recently used
        await server.SendAsync("{ c: hello }"); // b goes
        Assert.Equal(3, Parses(server));

        await server.SendAsync("{ a: hello }");
        Assert.Equal(3, Parses(server));
        await server.SendAsync("{ b: hello }");
        Assert.Equal(4, Parses(server));
        Assert.Equal(2, Cache(server).Count);
    }

    [Fact]
    public async Task A_document_failing_validation_is_not_kept()
    {
        var server = await StartAsync(limits: o => o.MaxDepth = 3);

        for (var i = 0; i < 2; i++)
        {
            (await server.SendAsync("{ noSuchField }")).AssertRequestError("FIELDS_ON_CORRECT_TYPE");
            (await server.SendAsync(DeepQuery)).AssertRequestError(LimitErrorCodes.DepthExceeded);
        }

        Assert.Equal(4, Parses(server));
        Assert.Equal(0, Cache(server).Count);
    }

    [Fact]
    public async Task A_document_valid_for_one_operation_is_validated_again_for_another()
    {
        // The depth limit checks only the selected operation: the deep one was never validated.
        var server = await StartAsync(limits: o => o.MaxDepth = 3);
        var query = "query Shallow { hello } query Deep " + DeepQuery;

        (await server.Client.ExchangeAsync(GraphQLHttp.PostQuery(query, operationName: "Shallow"))).AssertIs(HttpStatusCode.OK).AssertNoErrors();
        (await server.Client.ExchangeAsync(GraphQLHttp.PostQuery(query, operationName: "Deep"))).AssertRequestError(LimitErrorCodes.DepthExceeded);
    }

    [Fact]
    public async Task The_cost_of_the_variables_is_still_refused_on_a_hit()
    {
        var server = await StartAsync(limits: o => o.Cost.MaxQueryCost = 50);
        const string query = "query Page($n: Int) { booksPage(first: $n) { nodes { title } } }";

        var cheap = (await server.SendAsync(query, new { n = 2 })).AssertNoErrors();
        var costly = await server.SendAsync(query, new { n = 100 });

        Assert.Equal(1, Parses(server));
        Assert.True(cheap.Cost() <= 50, cheap.ToString());
        costly.AssertRequestError(LimitErrorCodes.CostExceeded);
    }

    [Fact]
    public async Task A_mutation_over_get_is_still_405_on_a_hit()
    {
        var server = await StartAsync();
        const string mutation = "mutation { addBook(title: \"x\") { title } }";

        (await server.SendAsync(mutation)).AssertNoErrors();
        var reply = await server.Client.ExchangeAsync(GraphQLHttp.Get("query=" + GraphQLHttp.Encode(mutation)));

        Assert.Equal(1, Parses(server));
        reply.AssertIs(HttpStatusCode.MethodNotAllowed).AssertRequestError("METHOD_NOT_ALLOWED");
    }

    [Fact]
    public async Task Authorization_still_refuses_anonymous_on_a_hit_after_a_member()
    {
        var server = await StartAsync<AuthorizationToySchema>(services => services
            .AddSingleton<ResolverCounter>().AddAuthorization().AddGraphQLAuthorization());

        (await server.SendAsync("{ secret }", member: "m1")).AssertNoErrors();
        var anonymous = await server.SendAsync("{ secret }");

        Assert.Equal(1, Parses(server));
        anonymous.AssertRequestError(AuthorizationErrorCodes.NotAuthenticated);
        Assert.Equal(1, server.Services.GetRequiredService<ResolverCounter>().Calls);
    }

    [Fact]
    public async Task Max_documents_0_turns_the_cache_off()
    {
        var server = await StartAsync(maxDocuments: 0);

        (await server.SendAsync("{ hello }")).AssertNoErrors();
        (await server.SendAsync("{ hello }")).AssertNoErrors();

        Assert.Equal(2, Parses(server));
        Assert.Equal(0, Cache(server).Count);
    }

    private Task<ToyServer> StartAsync(int? maxDocuments = null, Action<GraphQLLimitsOptions>? limits = null) =>
        StartAsync<LimitsToySchema>(_ => { }, maxDocuments, limits);

    private async Task<ToyServer> StartAsync<TSchema>(Action<IServiceCollection> configure, int? maxDocuments = null,
        Action<GraphQLLimitsOptions>? limits = null)
        where TSchema : class, ISchema
    {
        var builder = ToyServer.Create<TSchema>().WithLimits(limits).WithServices(services =>
        {
            configure(services);
            services.AddGraphQLDocumentCache();
            services.Replace(ServiceDescriptor.Singleton<IDocumentBuilder, CountingDocumentBuilder>());
        });
        if (maxDocuments is { } max)
        {
            builder.WithSettings(new Dictionary<string, string?> { ["GraphQL:DocumentCache:MaxDocuments"] = max.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        }

        var server = await builder.StartAsync();
        servers.Add(server);
        return server;
    }

    private static int Parses(ToyServer server) => ((CountingDocumentBuilder)server.Services.GetRequiredService<IDocumentBuilder>()).Parses;

    private static DocumentCache Cache(ToyServer server) => server.Services.GetRequiredService<DocumentCache>();

    /// <summary>GraphQL.NET's parser, counting the documents it parses.</summary>
    private sealed class CountingDocumentBuilder : IDocumentBuilder
    {
        private readonly GraphQLDocumentBuilder parser = new();
        private int parses;

        public int Parses => Volatile.Read(ref parses);

        public GraphQLDocument Build(string body)
        {
            Interlocked.Increment(ref parses);
            return parser.Build(body);
        }
    }
}
