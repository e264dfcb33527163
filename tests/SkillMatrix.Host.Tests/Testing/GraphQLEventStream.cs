using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace SkillMatrix.Host.Tests.Testing;

/// <summary>GraphQL over server-sent events (graphql-sse, distinct connections mode) with a plain HttpClient.</summary>
internal sealed class GraphQLEventStream : IAsyncDisposable
{
    private readonly HttpResponseMessage response;
    private readonly StreamReader reader;

    private GraphQLEventStream(HttpResponseMessage response, StreamReader reader)
    {
        this.response = response;
        this.reader = reader;
    }

    public HttpResponseMessage Response => response;

    /// <summary>POSTs the operation with <c>Accept: text/event-stream</c> and returns once the headers are in.</summary>
    public static async Task<GraphQLEventStream> OpenAsync(HttpClient client, string query, object? variables = null, string? token = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query, variables }) };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        return new GraphQLEventStream(response, new StreamReader(await response.Content.ReadAsStreamAsync()));
    }

    /// <summary>The next event: its name and its data (null when empty); null at the end of the stream.</summary>
    public async Task<(string Event, JsonObject? Data)?> ReadAsync(TimeSpan? wait = null)
    {
        using var timeout = new CancellationTokenSource(wait ?? GraphQLWebSocket.DefaultWait);
        string? name = null;
        var data = new List<string>();
        while (true)
        {
            string? line;
            try
            {
                line = await reader.ReadLineAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"No event arrived within {wait ?? GraphQLWebSocket.DefaultWait}.");
                throw;
            }

            if (line is null)
            {
                return null;
            }

            if (line.Length == 0)
            {
                if (name is null && data.Count == 0)
                {
                    continue;
                }

                var text = string.Join("\n", data);
                return (name ?? "message", text.Length == 0 ? null : JsonNode.Parse(text)!.AsObject());
            }

            if (line.StartsWith("event:", StringComparison.Ordinal))
            {
                name = line["event:".Length..].Trim();
            }
            else if (line.StartsWith("data:", StringComparison.Ordinal))
            {
                data.Add(line["data:".Length..].TrimStart());
            }
        }
    }

    public async Task<JsonObject> NextAsync(TimeSpan? wait = null)
    {
        var read = await ReadAsync(wait);
        Assert.True(read is { Event: "next", Data: not null }, $"expected a next event, got {read?.Event} {read?.Data?.ToJsonString()}");
        return read!.Value.Data!;
    }

    public async Task ExpectCompleteAsync(TimeSpan? wait = null)
    {
        var read = await ReadAsync(wait);
        Assert.True(read is { Event: "complete" }, $"expected complete, got {read?.Event} {read?.Data?.ToJsonString()}");
    }

    /// <summary>The rest of the body as text (for a response that is not a stream: a refusal).</summary>
    public Task<string> ReadToEndAsync() => reader.ReadToEndAsync();

    public ValueTask DisposeAsync()
    {
        reader.Dispose();
        response.Dispose();
        return ValueTask.CompletedTask;
    }
}
