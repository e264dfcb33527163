using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Platform.Data.Relay;
using Xunit.Abstractions;

namespace SkillMatrix.Host.Tests.Host.CrashSafety;

/// <summary>
/// The built Host in a child process, stopped the two ways production stops it: SIGKILL (a crash, an OOM kill) in the
/// middle of a burst of votes, after which every vote the server acknowledged must still be there and the file must
/// be sound; and SIGTERM (an orchestrator's stop), which must let requests already being served finish and exit 0.
/// One class, so the two run one after the other and neither slows the other's timing.
/// </summary>
public sealed class HostCrashTests(ITestOutputHelper output)
{
    // High enough that no proposal leaves OPEN: a status change would send notifications and change what a vote writes.
    private static readonly Dictionary<string, string> Settings = new() { ["Community__ReviewThreshold"] = "100000" };

    // Cells of the seeded role whose value differs from the proposed one (rest-api-design is W A E E E).
    private static readonly (string Skill, string Level, string To)[] Cells =
        [("rest-api-design", "JUNIOR", "ADVANCED"), ("rest-api-design", "MIDDLE", "EXPERT"), ("rest-api-design", "SENIOR", "ADVANCED")];

    private const int Members = 200;
    private const int Concurrency = 24;

    [Fact]
    public async Task Every_acknowledged_vote_survives_a_sigkill_in_the_middle_of_a_burst_and_the_file_is_sound()
    {
        var database = HostProcess.NewDatabasePath();
        try
        {
            var proposals = new List<int>();
            var attempted = new ConcurrentDictionary<(int Proposal, string Member), bool>();
            var acknowledged = new ConcurrentDictionary<(int Proposal, string Member), bool>();
            var refused = new ConcurrentQueue<string>();
            var failedBeforeKill = new ConcurrentQueue<string>();
            var failedByKill = 0;
            var inFlight = 0;
            int inFlightAtKill;
            int acknowledgedAtKill;
            var total = Cells.Length * Members;
            var killAfter = total / 2;

            await using (var host = await HostProcess.StartAsync(database, Settings))
            {
                using var client = host.CreateClient(Concurrency);
                var author = HostApi.Token("crash-author");
                foreach (var (skill, level, to) in Cells)
                {
                    proposals.Add(await HostApi.ProposeAsync(client, author, skill, level, to));
                }

                // Every member votes UP on every proposal, proposals interleaved so that all of them are written at once.
                var ballots = new ConcurrentQueue<(int Proposal, string Member, string Token)>(
                    Enumerable.Range(1, Members).Select(i => $"crash-voter-{i:000}").SelectMany(member =>
                    {
                        var token = HostApi.Token(member);
                        return proposals.Select(p => (p, member, token));
                    }));
                var threshold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                var killed = 0;
                using var burstLimit = new CancellationTokenSource(TimeSpan.FromSeconds(60));

                async Task VoterAsync()
                {
                    while (Volatile.Read(ref killed) == 0 && ballots.TryDequeue(out var ballot))
                    {
                        attempted[(ballot.Proposal, ballot.Member)] = true;
                        Interlocked.Increment(ref inFlight);
                        try
                        {
                            var reply = await HostApi.SendAsync(client, HostApi.Vote, HostApi.VoteUp(ballot.Proposal), ballot.Token, burstLimit.Token);
                            if (HostApi.IsAcknowledged(reply, "voteOnProposal"))
                            {
                                acknowledged[(ballot.Proposal, ballot.Member)] = true;
                                if (acknowledged.Count >= killAfter)
                                {
                                    threshold.TrySetResult();
                                }
                            }
                            else
                            {
                                // A whole reply that is not an acknowledgement (busy database, a server error) is a failure
                                // of its own, whenever it came: a kill can cut a reply short, not turn it into another.
                                refused.Enqueue($"{ballot.Member} on {ballot.Proposal}: {reply}");
                            }
                        }
                        catch (Exception ex) when (ex is HttpRequestException or IOException or OperationCanceledException)
                        {
                            if (Volatile.Read(ref killed) == 0)
                            {
                                failedBeforeKill.Enqueue($"{ballot.Member} on {ballot.Proposal}: {ex.GetType().Name}: {ex.Message}");
                            }
                            else
                            {
                                Interlocked.Increment(ref failedByKill);
                            }
                        }
                        finally
                        {
                            Interlocked.Decrement(ref inFlight);
                        }
                    }
                }

                var voters = Enumerable.Range(0, Concurrency).Select(_ => Task.Run(VoterAsync)).ToList();
                var burst = Task.WhenAll(voters);
                await Task.WhenAny(threshold.Task, burst, Task.Delay(TimeSpan.FromSeconds(60)));
                Assert.True(threshold.Task.IsCompleted,
                    $"Only {acknowledged.Count} of {total} votes were acknowledged; refused: {string.Join("\n", refused.Take(5))}; "
                    + $"failed: {string.Join("\n", failedBeforeKill.Take(5))}\n{host.Output}");

                // The flag goes up before the kill, so every failure after this line is the kill's doing.
                Volatile.Write(ref killed, 1);
                inFlightAtKill = Volatile.Read(ref inFlight);
                acknowledgedAtKill = acknowledged.Count;
                host.Kill();
                await burst;
            }

            output.WriteLine($"{total} votes queued, {attempted.Count} sent; {acknowledgedAtKill} acknowledged when SIGKILL was sent with "
                + $"{inFlightAtKill} in flight; {acknowledged.Count} acknowledged in all; {failedByKill} cut off by the kill.");
            Assert.True(refused.IsEmpty, $"Replies that were not acknowledgements:\n{string.Join("\n", refused.Take(10))}");
            Assert.True(failedBeforeKill.IsEmpty, $"Requests that failed before the kill:\n{string.Join("\n", failedBeforeKill.Take(10))}");
            Assert.True(inFlightAtKill > 0 && failedByKill > 0, $"The kill interrupted nothing ({inFlightAtKill} in flight, {failedByKill} cut off).");

            // Restarted on the same file: start-up recovers the WAL, and the API shows the votes.
            await using (var host = await HostProcess.StartAsync(database, Settings))
            {
                using var client = host.CreateClient();
                var reply = await HostApi.SendAsync(client, "{ proposals(first: 100) { nodes { id status upVotes downVotes } } }");
                Assert.True(reply.Status == HttpStatusCode.OK && !reply.Body.ContainsKey("errors"), reply.ToString());
                var upVotes = reply.Body["data"]!["proposals"]!["nodes"]!.AsArray()
                    .ToDictionary(n => GlobalId.KeyOf((string?)n!["id"], "Proposal")!.Value, n => (int)n!["upVotes"]!);
                foreach (var proposal in proposals)
                {
                    var acked = acknowledged.Keys.Count(k => k.Proposal == proposal);
                    var sent = attempted.Keys.Count(k => k.Proposal == proposal);
                    output.WriteLine($"Proposal {proposal}: {acked} acknowledged, {sent} sent, upVotes after restart {upVotes[proposal]}.");
                    Assert.InRange(upVotes[proposal], acked, sent);
                }

                await host.TerminateAsync();
                Assert.Equal(0, await host.WaitForExitAsync(TimeSpan.FromSeconds(15)));
            }

            // The file itself, read directly: sound, every acknowledged vote there by member, none that was never sent,
            // and each proposal's tally equal to its votes (they are written in one transaction, so a crash splits neither).
            using var connection = OpenDirect(database);
            Assert.Equal(["ok"], Strings(connection, "PRAGMA integrity_check;"));
            Assert.Empty(Strings(connection, "PRAGMA foreign_key_check;"));
            Assert.Equal(["wal"], Strings(connection, "PRAGMA journal_mode;"));

            var stored = Strings(connection, "SELECT ProposalId || ' ' || MemberId || ' ' || Value FROM votes;")
                .Select(row => row.Split(' '))
                .Select(parts => (Proposal: int.Parse(parts[0], CultureInfo.InvariantCulture), Member: parts[1], Value: parts[2]))
                .ToList();
            var storedKeys = stored.Select(v => (v.Proposal, v.Member)).ToHashSet();
            var missing = acknowledged.Keys.Where(k => !storedKeys.Contains(k)).ToList();
            Assert.True(missing.Count == 0, $"{missing.Count} acknowledged votes are gone after the crash, e.g. {string.Join(", ", missing.Take(10))}");
            Assert.All(stored, v => Assert.True(attempted.ContainsKey((v.Proposal, v.Member)) && v.Value == "1", $"A vote nobody cast: {v}"));
            output.WriteLine($"After the restart: {stored.Count} votes stored; all {acknowledged.Count} acknowledged ones among them; integrity_check ok.");

            foreach (var row in Strings(connection, "SELECT p.Id || ' ' || p.UpVotes || ' ' || (SELECT COUNT(*) FROM votes v WHERE v.ProposalId = p.Id) FROM proposals p;"))
            {
                var parts = row.Split(' ');
                Assert.True(parts[1] == parts[2], $"Proposal {parts[0]} says {parts[1]} up votes but has {parts[2]} vote rows.");
            }
        }
        finally
        {
            HostProcess.DeleteDatabase(database);
        }
    }

    [Fact]
    public async Task Sigterm_lets_the_requests_in_flight_finish_and_the_host_exits_with_zero()
    {
        var database = HostProcess.NewDatabasePath();
        try
        {
            var voter = "graceful-voter";
            int proposal;
            await using (var host = await HostProcess.StartAsync(database, Settings))
            {
                using var setup = host.CreateClient();
                proposal = await HostApi.ProposeAsync(setup, HostApi.Token("graceful-author"), "rest-api-design", "JUNIOR", "ADVANCED");

                // Requests in flight for certain, however fast the server: each body is sent in two parts, the second only
                // after SIGTERM, so the server has begun each request (headers read, body being read) when the signal comes.
                var mutation = new SplitBody(JsonSerializer.SerializeToUtf8Bytes(new { query = HostApi.Vote, variables = HostApi.VoteUp(proposal) }));
                var query = new SplitBody(JsonSerializer.SerializeToUtf8Bytes(new
                {
                    query = $$"""{ role(slug: "{{HostApi.Role}}") { name matrix { domain { name } skills { skill { name } cells { level { key } proficiency mandatory } } } } }""",
                }));
                using var mutationClient = host.CreateClient(1);
                using var queryClient = host.CreateClient(1);
                try
                {
                    using var mutationRequest = HostApi.Request(HostApi.Vote, null, HostApi.Token(voter), mutation);
                    using var queryRequest = HostApi.Request("", null, null, query);
                    var mutationReply = HostApi.SendAsync(mutationClient, mutationRequest);
                    var queryReply = HostApi.SendAsync(queryClient, queryRequest);
                    await Task.WhenAll(mutation.FirstPartSent, query.FirstPartSent).WaitAsync(TimeSpan.FromSeconds(15));
                    // The first part is on the wire; a moment for Kestrel to accept the connections and read the headers.
                    await Task.Delay(TimeSpan.FromMilliseconds(500));

                    await host.TerminateAsync();
                    // Kestrel's graceful stop waits for these requests (up to the host's shutdown timeout): the process
                    // must still be there. Well inside Kestrel's 5 s grace before a slow body counts as too slow.
                    await Task.Delay(TimeSpan.FromMilliseconds(1500));
                    Assert.False(host.HasExited, $"The Host exited with requests in flight:\n{host.Output}");

                    var released = Stopwatch.StartNew();
                    mutation.Release();
                    query.Release();
                    var voted = await mutationReply.WaitAsync(TimeSpan.FromSeconds(15));
                    var read = await queryReply.WaitAsync(TimeSpan.FromSeconds(15));
                    Assert.True(HostApi.IsAcknowledged(voted, "voteOnProposal"), voted.ToString());
                    Assert.True(read.Status == HttpStatusCode.OK && !read.Body.ContainsKey("errors") && read.Body["data"]?["role"]?["matrix"] is not null,
                        read.ToString()[..Math.Min(500, read.ToString().Length)]);

                    var exitCode = await host.WaitForExitAsync(TimeSpan.FromSeconds(10));
                    output.WriteLine($"Both requests answered 200 after SIGTERM; the Host exited with {exitCode} {released.ElapsedMilliseconds} ms after they were released.");
                    Assert.True(exitCode == 0, $"The Host exited with {exitCode}:\n{host.Output}");
                }
                finally
                {
                    // A failed assertion must not leave the client waiting on a body that never ends.
                    mutation.Release();
                    query.Release();
                }
            }

            // The vote that was in flight when the signal came was committed, not cut off.
            using var connection = OpenDirect(database);
            Assert.Equal(["1"], Strings(connection, $"SELECT Value FROM votes WHERE ProposalId = {proposal} AND MemberId = '{voter}';"));
            Assert.Equal(["ok"], Strings(connection, "PRAGMA integrity_check;"));
        }
        finally
        {
            HostProcess.DeleteDatabase(database);
        }
    }

    // Unpooled, so that nothing of the test process keeps the file open once the test is done.
    private static SqliteConnection OpenDirect(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    private static List<string> Strings(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(Convert.ToString(reader.GetValue(0), CultureInfo.InvariantCulture) ?? "");
        }

        return rows;
    }

    /// <summary>A JSON body sent in two parts: the first half at once, the rest when <see cref="Release"/> is called.</summary>
    private sealed class SplitBody : HttpContent
    {
        private readonly byte[] body;
        private readonly TaskCompletionSource firstPartSent = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public SplitBody(byte[] body)
        {
            this.body = body;
            Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = Encoding.UTF8.WebName };
        }

        public Task FirstPartSent => firstPartSent.Task;

        public void Release() => released.TrySetResult();

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var half = body.Length / 2;
            await stream.WriteAsync(body.AsMemory(0, half));
            await stream.FlushAsync();
            firstPartSent.TrySetResult();
            await released.Task;
            await stream.WriteAsync(body.AsMemory(half));
        }

        // A Content-Length, as ordinary clients send: the server knows the body is not complete yet.
        protected override bool TryComputeLength(out long length)
        {
            length = body.Length;
            return true;
        }
    }
}
