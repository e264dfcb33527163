using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Platform.Server.PersistedQueries;
using static Platform.Tests.Shared.GraphQLHttp;

namespace Platform.Server.Tests.PersistedQueries;

/// <summary>
/// Persisted operations from a manifest on the toy server: the two manifest formats, requests by id as HotChocolate
/// sends them (<c>id</c>, POST and GET) and by hash as Apollo and the codegen preset send them (the APQ shape), and
/// trusted documents (Only): nothing outside the manifest runs, and APQ registers nothing.
/// </summary>
public sealed class PersistedOperationTests : IAsyncLifetime
{
    private const string Greet = "query Greet($name: String) { hello(name: $name) }";
    private const string Echo = "mutation Echo { echo(text: \"x\") }";
    private const string Untrusted = "{ hello }";

    private readonly string folder = Directory.CreateTempSubdirectory("persisted-operations-").FullName;
    private readonly List<ToyServer> servers = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var server in servers)
        {
            await server.DisposeAsync();
        }

        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task A_codegen_manifest_loads_with_every_document_by_its_hash()
    {
        var server = await StartAsync("Only", CodegenManifest(Greet, Echo));

        var manifest = Options(server).Loaded!;

        Assert.Equal(2, manifest.Count);
        Assert.Equal(Greet, manifest.Find(Sha256(Greet)));
        Assert.Equal(Greet, manifest.Find("sha256:" + Sha256(Greet).ToUpperInvariant()));
        Assert.Null(manifest.Find(Sha256(Untrusted)));
    }

    [Fact]
    public async Task An_apollo_manifest_loads_and_answers_by_its_ids_and_by_hash()
    {
        var manifest = JsonSerializer.Serialize(new
        {
            format = "apollo-persisted-query-manifest",
            version = 1,
            operations = new object[]
            {
                new { id = Sha256(Greet), name = "Greet", type = "query", body = Greet },
                new { id = "greet-v2", name = "Greet", type = "query", body = "query GreetAda { hello(name: \"Ada\") }" },
            },
        });
        var server = await StartAsync("Only", manifest);

        var byHash = await server.Client.ExchangeAsync(Post(ById(Sha256(Greet), new { name = "Grace" })));
        var byName = await server.Client.ExchangeAsync(Post(ById("greet-v2")));

        Assert.Equal(2, Options(server).Loaded!.Count);
        Assert.Equal("Hello, Grace!", Hello(byHash.AssertIs(HttpStatusCode.OK)));
        Assert.Equal("Hello, Ada!", Hello(byName.AssertIs(HttpStatusCode.OK)));
    }

    [Theory]
    [InlineData("Only")]
    [InlineData("Allow")]
    public async Task Post_by_id_runs_the_manifest_document(string mode)
    {
        var server = await StartAsync(mode, CodegenManifest(Greet));

        var reply = await server.Client.ExchangeAsync(Post(ById(Sha256(Greet), new { name = "Ada" })));

        Assert.Equal("Hello, Ada!", Hello(reply.AssertIs(HttpStatusCode.OK)));
    }

    [Fact]
    public async Task Post_by_documentId_with_the_sha256_prefix_runs_the_manifest_document()
    {
        var server = await StartAsync("Only", CodegenManifest(Greet));

        var reply = await server.Client.ExchangeAsync(Post(JsonSerializer.Serialize(new { documentId = "sha256:" + Sha256(Greet) })));

        Assert.Equal("Hello, world!", Hello(reply.AssertIs(HttpStatusCode.OK)));
    }

    [Fact]
    public async Task Get_by_id_runs_the_document_and_is_cacheable()
    {
        var server = await StartAsync("Only", CodegenManifest(Greet));

        var reply = await server.Client.ExchangeAsync(Get("id=" + Sha256(Greet) + "&variables=" + Encode("""{"name":"Grace"}""")));

        Assert.Equal("Hello, Grace!", Hello(reply.AssertIs(HttpStatusCode.OK)));
        // As a GET by APQ hash: nothing forbids a CDN to keep it, and it varies with Accept.
        Assert.Null(reply.Headers.CacheControl);
        Assert.Contains("Accept", reply.Headers.Vary);
    }

    [Fact]
    public async Task Get_by_id_of_a_mutation_is_405_and_does_not_run()
    {
        var server = await StartAsync("Only", CodegenManifest(Echo));

        var reply = await server.Client.ExchangeAsync(Get("id=" + Sha256(Echo)));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, reply.Status);
        Assert.False(reply.HasData, reply.ToString());
    }

    [Fact]
    public async Task The_apq_shape_runs_the_manifest_document_without_registering()
    {
        var server = await StartAsync("Only", CodegenManifest(Greet));

        var post = await server.Client.ExchangeAsync(Post(ByHash(null, Sha256(Greet), new { name = "Ada" })));
        var get = await server.Client.ExchangeAsync(Get("extensions=" + Encode(Extensions(Sha256(Greet)))));

        Assert.Equal("Hello, Ada!", Hello(post.AssertIs(HttpStatusCode.OK)));
        Assert.Equal("Hello, world!", Hello(get.AssertIs(HttpStatusCode.OK)));
        Assert.Equal(0, Store(server).Count);
    }

    [Theory]
    [InlineData("Only")]
    [InlineData("Allow")]
    public async Task An_unknown_id_is_persisted_operation_not_found_with_400_and_no_cache(string mode)
    {
        var server = await StartAsync(mode, CodegenManifest(Greet));

        var post = await server.Client.ExchangeAsync(Post(ById(Sha256(Untrusted))));
        var get = await server.Client.ExchangeAsync(Get("id=unknown"));
        var json = await server.Client.ExchangeAsync(Post(ById("unknown"), Json));

        post.AssertIs(HttpStatusCode.BadRequest).AssertRequestError(PersistedOperationError.NotFoundCode);
        get.AssertIs(HttpStatusCode.BadRequest).AssertRequestError(PersistedOperationError.NotFoundCode);
        Assert.True(get.Headers.CacheControl?.NoCache, get.ToString());
        json.AssertIs(HttpStatusCode.OK, Json).AssertRequestError(PersistedOperationError.NotFoundCode);
    }

    [Fact]
    public async Task Only_an_unknown_apq_hash_is_persisted_operation_not_found()
    {
        var server = await StartAsync("Only", CodegenManifest(Greet));

        var reply = await server.Client.ExchangeAsync(Post(ByHash(null, Sha256(Untrusted))));

        reply.AssertIs(HttpStatusCode.BadRequest).AssertRequestError(PersistedOperationError.NotFoundCode);
    }

    [Fact]
    public async Task Only_refuses_a_text_outside_the_manifest_with_400()
    {
        var server = await StartAsync("Only", CodegenManifest(Greet));

        var post = await server.Client.ExchangeAsync(PostQuery(Untrusted));
        var get = await server.Client.ExchangeAsync(Get("query=" + Encode(Untrusted)));
        var json = await server.Client.ExchangeAsync(PostQuery(Untrusted, accept: Json));
        // One character more is another document.
        var edited = await server.Client.ExchangeAsync(PostQuery(Greet + " "));

        post.AssertIs(HttpStatusCode.BadRequest).AssertRequestError(PersistedOperationError.OnlyPersistedCode);
        Assert.Equal(["Only persisted operations are allowed: send the id of an operation from the manifest."], post.ErrorMessages);
        get.AssertIs(HttpStatusCode.BadRequest).AssertRequestError(PersistedOperationError.OnlyPersistedCode);
        json.AssertIs(HttpStatusCode.OK, Json).AssertRequestError(PersistedOperationError.OnlyPersistedCode);
        edited.AssertIs(HttpStatusCode.BadRequest).AssertRequestError(PersistedOperationError.OnlyPersistedCode);
    }

    [Fact]
    public async Task Only_accepts_the_full_text_of_a_manifest_document()
    {
        var server = await StartAsync("Only", CodegenManifest(Greet));

        var reply = await server.Client.ExchangeAsync(PostQuery(Greet, new { name = "Ada" }));

        Assert.Equal("Hello, Ada!", Hello(reply.AssertIs(HttpStatusCode.OK)));
    }

    [Fact]
    public async Task Only_does_not_register_a_document_through_apq()
    {
        var server = await StartAsync("Only", CodegenManifest(Greet));
        var hash = Sha256(Untrusted);

        var register = await server.Client.ExchangeAsync(Post(ByHash(Untrusted, hash)));
        var byHash = await server.Client.ExchangeAsync(Post(ByHash(null, hash)));
        var trusted = await server.Client.ExchangeAsync(Post(ByHash(Greet, Sha256(Greet))));

        register.AssertIs(HttpStatusCode.BadRequest).AssertRequestError(PersistedOperationError.OnlyPersistedCode);
        byHash.AssertIs(HttpStatusCode.BadRequest).AssertRequestError(PersistedOperationError.NotFoundCode);
        trusted.AssertIs(HttpStatusCode.OK);
        Assert.Equal(0, Store(server).Count);
    }

    [Fact]
    public async Task Allow_accepts_manifest_ids_any_text_and_apq_registration()
    {
        var server = await StartAsync("Allow", CodegenManifest(Greet));
        var hash = Sha256(Untrusted);

        var byId = await server.Client.ExchangeAsync(Post(ById(Sha256(Greet))));
        var text = await server.Client.ExchangeAsync(PostQuery(Untrusted));
        var miss = await server.Client.ExchangeAsync(Post(ByHash(null, hash)));
        var register = await server.Client.ExchangeAsync(Post(ByHash(Untrusted, hash)));
        var hit = await server.Client.ExchangeAsync(Post(ByHash(null, hash)));

        Assert.Equal("Hello, world!", Hello(byId.AssertIs(HttpStatusCode.OK)));
        Assert.Equal("Hello, world!", Hello(text.AssertIs(HttpStatusCode.OK)));
        // A hash outside the manifest is APQ's: not found asks the client to register it, as without a manifest.
        miss.AssertIs(HttpStatusCode.OK).AssertRequestError("PERSISTED_QUERY_NOT_FOUND");
        register.AssertIs(HttpStatusCode.OK);
        Assert.Equal("Hello, world!", Hello(hit.AssertIs(HttpStatusCode.OK)));
        Assert.Equal(1, Store(server).Count);
    }

    [Fact]
    public async Task Off_an_id_alone_is_a_request_without_query_as_before()
    {
        var server = await StartAsync("Off", manifest: null);

        var reply = await server.Client.ExchangeAsync(Post(ById(Sha256(Greet))));

        reply.AssertIs(HttpStatusCode.BadRequest).AssertRequestError("INVALID_REQUEST");
        Assert.Equal(["The 'query' parameter is missing."], reply.ErrorMessages);
        Assert.Null(Options(server).Loaded);
    }

    [Fact]
    public async Task Different_id_and_documentId_are_refused()
    {
        var server = await StartAsync("Only", CodegenManifest(Greet));

        var reply = await server.Client.ExchangeAsync(Post(JsonSerializer.Serialize(new { id = Sha256(Greet), documentId = "other" })));

        reply.AssertIs(HttpStatusCode.BadRequest).AssertRequestError("INVALID_REQUEST");
    }

    [Fact]
    public async Task A_manifest_entry_whose_hash_is_not_its_document_s_stops_start_up_naming_the_entry()
    {
        var wrong = Sha256(Untrusted);
        var manifest = JsonSerializer.Serialize(new Dictionary<string, string> { [Sha256(Greet)] = Greet, [wrong] = Echo });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync("Only", manifest));

        Assert.Contains("GraphQL:PersistedOperations:Manifest", error.Message, StringComparison.Ordinal);
        Assert.Contains($"'{wrong}'", error.Message, StringComparison.Ordinal);
        Assert.Contains(Sha256(Echo), error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Theory]
    [InlineData("Only")]
    [InlineData("Allow")]
    public async Task A_missing_manifest_stops_start_up_naming_the_key_and_the_path(string mode)
    {
        var path = Path.Combine(folder, "absent.json");

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync(mode, manifest: null, path: path));

        Assert.Equal($"GraphQL:PersistedOperations:Manifest: there is no file at '{path}'.", error.Message);
    }

    [Fact]
    public async Task A_manifest_that_is_not_one_stops_start_up()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync("Only", """{"id": 1}"""));

        Assert.StartsWith("GraphQL:PersistedOperations:Manifest: '", error.Message, StringComparison.Ordinal);
        Assert.Contains("neither a graphql-codegen persisted-documents map", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_without_a_manifest_path_stops_start_up()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync("Only", manifest: null));

        Assert.Equal("GraphQL:PersistedOperations:Manifest is not set; GraphQL:PersistedOperations:Mode Only needs the path of a manifest file.",
            error.Message);
    }

    /// <summary>A server with APQ on (its default) and a manifest of this text, written to a file of the test's folder.</summary>
    private async Task<ToyServer> StartAsync(string mode, string? manifest, string? path = null)
    {
        var settings = new Dictionary<string, string?> { ["GraphQL:PersistedOperations:Mode"] = mode };
        if (manifest is not null)
        {
            path = Path.Combine(folder, $"manifest-{servers.Count}.json");
            await File.WriteAllTextAsync(path, manifest);
        }

        if (path is not null)
        {
            settings["GraphQL:PersistedOperations:Manifest"] = path;
        }

        var server = await ToyServer.Create().WithSettings(settings)
            .WithServices(services => services.AddGraphQLPersistedQueries().AddGraphQLPersistedOperations())
            .StartAsync();
        servers.Add(server);
        return server;
    }

    private static PersistedOperationOptions Options(ToyServer server) =>
        server.Services.GetRequiredService<IOptionsMonitor<PersistedOperationOptions>>().CurrentValue;

    private static PersistedQueryStore Store(ToyServer server) => server.Services.GetRequiredService<PersistedQueryStore>();

    /// <summary>What graphql-codegen's client preset writes with <c>persistedDocuments: true</c>.</summary>
    private static string CodegenManifest(params string[] documents) =>
        JsonSerializer.Serialize(documents.ToDictionary(Sha256, document => document));

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static string? Hello(Reply reply) => reply.Json.GetProperty("data").GetProperty("hello").GetString();

    /// <summary>HotChocolate's request by id.</summary>
    private static string ById(string id, object? variables = null) => JsonSerializer.Serialize(new { id, variables }, OmitNulls);

    private static string Extensions(string hash) => JsonSerializer.Serialize(new { persistedQuery = new { version = 1, sha256Hash = hash } });

    /// <summary>Apollo's and the codegen preset's shape: the APQ extension, with or without the query.</summary>
    private static string ByHash(string? query, string hash, object? variables = null) =>
        JsonSerializer.Serialize(new { query, variables, extensions = new { persistedQuery = new { version = 1, sha256Hash = hash } } }, OmitNulls);

    private static readonly JsonSerializerOptions OmitNulls = new() { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };
}
