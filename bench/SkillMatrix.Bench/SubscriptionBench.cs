using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Platform.Hosting.Security;

namespace SkillMatrix.Bench;

/// <summary>
/// <c>dotnet run -c Release --project bench/SkillMatrix.Bench -- subscriptions --subscribers 1000 --votes 100</c>: the
/// built Host (Release) started as a process of its own on a fresh SQLite database, N graphql-ws subscribers to
/// <c>proposalChanged</c> of one role on it, then a burst of M votes through the API, each on a proposal of its own, all
/// sent at once. Latency of an event: from the moment the bench has the answer of the vote that caused it (a timestamp
/// taken right after its HTTP response arrived, so after the commit) to the moment a subscriber has read the event; an
/// event may arrive before its vote's answer does (the commit publishes before the answer is written), which makes
/// that latency negative. The Host's memory is its working set (RSS), read from outside.
/// </summary>
internal static class SubscriptionBench
{
    private const string Role = "backend-developer-python";

    private const string Subscription =
        """subscription { proposalChanged(roleSlug: "backend-developer-python") { kind proposal { id score } } }""";

    private const string SuggestMutation = """
        mutation Suggest($input: SuggestChangeInput!) { suggestChange(input: $input) { proposal { id } errors { __typename ... on Error { message } } } }
        """;

    private const string VoteMutation = """
        mutation Vote($input: VoteOnProposalInput!) { voteOnProposal(input: $input) { proposal { id score } errors { __typename } } }
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        var (subscribers, votes, timeout, hostDll) = (1000, 100, TimeSpan.FromSeconds(120), (string?)null);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--subscribers": subscribers = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--votes": votes = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--timeout": timeout = TimeSpan.FromSeconds(double.Parse(args[i + 1], CultureInfo.InvariantCulture)); break;
                case "--host-dll": hostDll = args[i + 1]; break;
                default:
                    Console.Error.WriteLine($"unknown option {args[i]}; subscriptions [--subscribers N] [--votes M] [--timeout S] [--host-dll PATH]");
                    return 2;
            }
        }

        hostDll ??= FindHostDll();
        if (hostDll is null || !File.Exists(hostDll))
        {
            Console.Error.WriteLine("The Host's Release build was not found; build it (dotnet build -c Release src/Host) or pass --host-dll.");
            return 2;
        }

        var database = Path.Combine(Path.GetTempPath(), $"skillmatrix-subs-bench-{Guid.NewGuid():N}.db");
        var auth = new AuthOptions
        {
            // Local sign-in for the votes: a key made for this run, never written anywhere.
            SigningKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48)),
            Issuer = "skillmatrix-bench",
            Audience = "skillmatrix-bench",
        };
        var port = FreePort();
        using var host = StartHost(hostDll, port, database, auth, subscribers);
        try
        {
            return await MeasureAsync(host, port, new LocalTokenIssuer(Options.Create(auth), TimeProvider.System), subscribers, votes, timeout, hostDll);
        }
        finally
        {
            if (!host.HasExited)
            {
                host.Kill(entireProcessTree: true);
                await host.WaitForExitAsync();
            }

            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(database + suffix);
            }
        }
    }

    private static async Task<int> MeasureAsync(Process host, int port, LocalTokenIssuer tokens, int subscribers, int votes, TimeSpan timeout, string hostDll)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, UseCookies = false })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{port}"),
            Timeout = TimeSpan.FromSeconds(60),
        };
        await WaitUntilReadyAsync(http, host);

        // One open proposal per vote, so that every event names the vote that caused it.
        var author = tokens.Issue("bench-author", "Bench Author").Token;
        var matrix = await PostAsync(http, $$"""{ role(slug: "{{Role}}") { matrix { skills { skill { slug } cells { level { key } proficiency } } } } }""", null, null);
        // Every cell of the role, each proposed to change to another proficiency than it has.
        var cells = matrix["data"]!["role"]!["matrix"]!.AsArray()
            .SelectMany(domain => domain!["skills"]!.AsArray())
            .SelectMany(skill => skill!["cells"]!.AsArray().OfType<JsonNode>().Select(cell => (
                Skill: (string)skill["skill"]!["slug"]!,
                Level: (string)cell["level"]!["key"]!,
                Proficiency: (string?)cell["proficiency"] == "EXPERT" ? "AWARENESS" : "EXPERT")))
            .ToList();
        var proposals = new string[votes];
        for (var i = 0; i < votes; i++)
        {
            var input = new
            {
                roleSlug = Role,
                skill = cells[i % cells.Count].Skill,
                level = cells[i % cells.Count].Level,
                proficiency = cells[i % cells.Count].Proficiency,
                title = $"Bench proposal {i + 1}",
                rationale = "Synthetic load for the subscription benchmark.",
            };
            var answer = await PostAsync(http, SuggestMutation, new { input }, author);
            proposals[i] = (string?)answer["data"]?["suggestChange"]?["proposal"]?["id"]
                ?? throw new InvalidOperationException($"suggestChange failed: {answer.ToJsonString()}");
        }

        var voters = Enumerable.Range(0, votes).Select(i => tokens.Issue($"bench-voter-{i + 1}", $"Bench Voter {i + 1}").Token).ToArray();
        // A first vote and its withdrawal on the last proposal, before anyone listens: the vote path is warm.
        await PostAsync(http, VoteMutation, new { input = new { proposalId = proposals[^1], value = "UP" } }, author);
        await PostAsync(http, VoteMutation, new { input = new { proposalId = proposals[^1], value = (string?)null } }, author);

        GC.Collect();
        var before = WorkingSet(host);
        var clock = Stopwatch.StartNew();
        var received = new ConcurrentBag<(string ProposalId, long At)>();
        var clients = new List<Subscriber>(subscribers);
        for (var batch = 0; batch < subscribers; batch += 50)
        {
            var opened = await Task.WhenAll(Enumerable.Range(batch, Math.Min(50, subscribers - batch))
                .Select(_ => Subscriber.OpenAsync(port, received)));
            clients.AddRange(opened);
        }

        var subscribed = clock.Elapsed;
        await Task.Delay(TimeSpan.FromSeconds(2));
        var listening = WorkingSet(host);

        // The burst: every vote sent at once, each as its own member; its answer's arrival time is its "commit" time.
        var committed = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        var burst = Stopwatch.StartNew();
        var answers = await Task.WhenAll(Enumerable.Range(0, votes).Select(async i =>
        {
            var answer = await PostAsync(http, VoteMutation, new { input = new { proposalId = proposals[i], value = "UP" } }, voters[i]);
            committed[proposals[i]] = Stopwatch.GetTimestamp();
            return answer;
        }));
        var burstTime = burst.Elapsed;
        var failedVotes = answers.Count(a => a["errors"] is not null || a["data"]?["voteOnProposal"]?["errors"] is JsonArray { Count: > 0 });

        var expected = (long)subscribers * votes;
        var deadline = Stopwatch.StartNew();
        while (received.Count < expected && deadline.Elapsed < timeout)
        {
            await Task.Delay(100);
        }

        var lastEvent = burst.Elapsed;
        var after = WorkingSet(host);
        var latencies = received
            .Where(e => committed.ContainsKey(e.ProposalId))
            .Select(e => Stopwatch.GetElapsedTime(committed[e.ProposalId], e.At).TotalMilliseconds * (e.At >= committed[e.ProposalId] ? 1 : -1))
            .Order().ToArray();
        var earlier = latencies.Count(l => l < 0);
        foreach (var client in clients)
        {
            await client.DisposeAsync();
        }

        var machine = Machine.Current();
        Console.WriteLine(F($"SkillMatrix subscription benchmark, {DateTimeOffset.UtcNow:yyyy-MM-dd}: {machine.Cpu}, {machine.LogicalCores} logical cores, {machine.Runtime}"));
        Console.WriteLine(F($"Host: {hostDll} (its own process, SQLite), bench client in another process on the same cores"));
        Console.WriteLine();
        Console.WriteLine("| measure | value |");
        Console.WriteLine("| --- | ---: |");
        Console.WriteLine(F($"| subscribers (graphql-ws, one socket each) | {subscribers:N0}, all listening after {subscribed.TotalSeconds:F1} s |"));
        Console.WriteLine(F($"| votes in the burst (sent at once) | {votes}, answered in {burstTime.TotalMilliseconds:F0} ms, {failedVotes} failed |"));
        Console.WriteLine(F($"| events delivered / expected | {received.Count:N0} / {expected:N0} |"));
        Console.WriteLine(F($"| last event, from the burst's start | {lastEvent.TotalSeconds:F2} s |"));
        Console.WriteLine(F($"| latency p50 (vote answered -> event read) | {Percentile(latencies, 0.50):F1} ms |"));
        Console.WriteLine(F($"| latency p99 | {Percentile(latencies, 0.99):F1} ms |"));
        Console.WriteLine(F($"| latency max | {(latencies.Length == 0 ? double.NaN : latencies[^1]):F1} ms |"));
        Console.WriteLine(F($"| events read before their vote's answer | {earlier:N0} |"));
        Console.WriteLine(F($"| Host working set: before / {subscribers:N0} listening / after the burst | {before / 1048576.0:F0} / {listening / 1048576.0:F0} / {after / 1048576.0:F0} MB |"));
        return received.Count == expected && failedVotes == 0 ? 0 : 3;
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static long WorkingSet(Process process)
    {
        process.Refresh();
        return process.WorkingSet64;
    }

    private static Process StartHost(string hostDll, int port, string database, AuthOptions auth, int subscribers)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(hostDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            hostDll,
            "--environment=Production",
            $"--urls=http://127.0.0.1:{port}",
            $"--ConnectionStrings:SkillMatrix=Data Source={database}",
            $"--Auth:SigningKey={auth.SigningKey}",
            $"--Auth:Issuer={auth.Issuer}",
            $"--Auth:Audience={auth.Audience}",
            // Every subscriber comes from 127.0.0.1: the per-address limit must let them all in.
            $"--GraphQL:Subscriptions:MaxConnectionsPerClientIp={subscribers + 10}",
            // The rate limit stays on (each delivered event is charged, and that is part of what is measured), with a
            // budget that one address's thousand subscribers cannot spend.
            "--GraphQL:RateLimit:PointsPerMinute=1000000000",
            // No vote reaches review: each vote is one VOTED event.
            "--Community:ReviewThreshold=1000000",
            "--Logging:LogLevel:Default=Error",
        })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        // Drained, so that a full pipe never blocks the Host; errors are shown.
        process.OutputDataReceived += (_, line) => { if (line.Data?.Contains("\"LogLevel\":\"Error\"", StringComparison.Ordinal) == true) { Console.Error.WriteLine(line.Data); } };
        process.ErrorDataReceived += (_, line) => { if (line.Data is not null) { Console.Error.WriteLine(line.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitUntilReadyAsync(HttpClient http, Process host)
    {
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromMinutes(2))
        {
            if (host.HasExited)
            {
                throw new InvalidOperationException($"The Host exited with {host.ExitCode} while starting.");
            }

            try
            {
                using var response = await http.GetAsync("/health/ready");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(250);
        }

        throw new TimeoutException("The Host was not ready within two minutes.");
    }

    private static async Task<JsonNode> PostAsync(HttpClient http, string query, object? variables, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query, variables }) };
        request.Headers.Accept.ParseAdd("application/json");
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await http.SendAsync(request);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private static string? FindHostDll()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "SkillMatrix.sln")))
            {
                return Path.Combine(directory.FullName, "src", "Host", "bin", "Release", "net10.0", "SkillMatrix.Host.dll");
            }
        }

        return null;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>One graphql-ws connection with one subscription; its read loop stamps each event as it is read.</summary>
    private sealed class Subscriber : IAsyncDisposable
    {
        private readonly ClientWebSocket socket;
        private readonly Task reading;
        private readonly CancellationTokenSource stop = new();

        private Subscriber(ClientWebSocket socket, ConcurrentBag<(string, long)> received)
        {
            this.socket = socket;
            reading = Task.Run(() => ReadAsync(received));
        }

        public static async Task<Subscriber> OpenAsync(int port, ConcurrentBag<(string, long)> received)
        {
            var socket = new ClientWebSocket();
            socket.Options.AddSubProtocol("graphql-transport-ws");
            await socket.ConnectAsync(new Uri($"ws://127.0.0.1:{port}/graphql"), CancellationToken.None);
            await SendAsync(socket, new { type = "connection_init" });
            await ExpectAsync(socket, "connection_ack");
            await SendAsync(socket, new { id = "1", type = "subscribe", payload = new { query = Subscription } });
            // The server reads a socket's messages in order and answers a ping once the subscription before it listens.
            await SendAsync(socket, new { type = "ping" });
            await ExpectAsync(socket, "pong");
            return new Subscriber(socket, received);
        }

        private async Task ReadAsync(ConcurrentBag<(string, long)> received)
        {
            var buffer = new byte[16 * 1024];
            try
            {
                while (true)
                {
                    var message = await ReceiveAsync(socket, buffer, stop.Token);
                    var at = Stopwatch.GetTimestamp();
                    if (message is null)
                    {
                        return;
                    }

                    if ((string?)message["type"] == "next" && (string?)message["payload"]?["data"]?["proposalChanged"]?["proposal"]?["id"] is { } proposal)
                    {
                        received.Add((proposal, at));
                    }
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
            {
                // Closed.
            }
        }

        private static Task SendAsync(ClientWebSocket socket, object message) =>
            socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(message), WebSocketMessageType.Text, true, CancellationToken.None);

        private static async Task ExpectAsync(ClientWebSocket socket, string type)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var message = await ReceiveAsync(socket, new byte[4096], timeout.Token);
            if ((string?)message?["type"] != type)
            {
                throw new InvalidOperationException($"expected {type}, got {message?.ToJsonString() ?? "a close"}");
            }
        }

        private static async Task<JsonNode?> ReceiveAsync(ClientWebSocket socket, byte[] buffer, CancellationToken cancellationToken)
        {
            using var message = new MemoryStream();
            WebSocketReceiveResult result;
            do
            {
                result = await socket.ReceiveAsync(buffer, cancellationToken);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return null;
                }

                message.Write(buffer, 0, result.Count);
            }
            while (!result.EndOfMessage);

            return JsonNode.Parse(Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length));
        }

        public async ValueTask DisposeAsync()
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", timeout.Token);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
            {
                // Already gone.
            }

            await stop.CancelAsync();
            await Task.WhenAny(reading, Task.Delay(TimeSpan.FromSeconds(2)));
            socket.Dispose();
            stop.Dispose();
        }
    }
}
