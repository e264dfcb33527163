using System.Diagnostics;
using System.Net.Http.Headers;

namespace SkillMatrix.Bench;

/// <summary>One request to send: built per client and iteration, so that a scenario may vary what it sends.</summary>
internal sealed record RequestSpec(HttpMethod Method, Uri Uri, byte[]? Body = null, string? Token = null);

/// <summary>What the clients saw in one measured window, and what the process spent on it.</summary>
internal sealed record Measurement(long Requests, long Failed, TimeSpan Elapsed, double[] LatenciesMs, long SqlStatements, long AllocatedBytes, long LogBytes)
{
    public double RequestsPerSecond => Requests / Elapsed.TotalSeconds;

    public double Percentile(double p) => LatenciesMs.Length == 0 ? double.NaN : LatenciesMs[(int)Math.Ceiling(p * LatenciesMs.Length) - 1];
}

/// <summary>
/// A closed loop: each of N clients sends a request, reads the whole answer, sends the next, until the time is up;
/// requests still in flight then finish and count. Throughput is therefore what N callers that wait for their
/// answers get, not what an open flood would provoke.
/// </summary>
internal sealed class LoadGenerator(HttpClient http, Func<long> sqlStatements, Func<long> logBytes)
{
    private static readonly byte[] ErrorsList = "\"errors\":["u8.ToArray();

    public async Task<Measurement> RunAsync(Func<int, long, RequestSpec> request, int clients, TimeSpan duration)
    {
        var statementsBefore = sqlStatements();
        var logBytesBefore = logBytes();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var started = Stopwatch.GetTimestamp();
        var deadline = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var results = await Task.WhenAll(Enumerable.Range(0, clients).Select(client => Task.Run(() => ClientAsync(client, request, deadline))));
        var elapsed = Stopwatch.GetElapsedTime(started);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var statements = sqlStatements() - statementsBefore;
        var logged = logBytes() - logBytesBefore;

        var latencies = results.SelectMany(r => r.Latencies).Select(ticks => ticks * 1000.0 / Stopwatch.Frequency).ToArray();
        Array.Sort(latencies);
        return new Measurement(latencies.Length, results.Sum(r => r.Failed), elapsed, latencies, statements, allocated, logged);
    }

    private async Task<(List<long> Latencies, long Failed)> ClientAsync(int client, Func<int, long, RequestSpec> request, long deadline)
    {
        // Sized for a fast scenario, so that growing the lists hardly shows in the allocation figures.
        var latencies = new List<long>(16_384);
        var buffer = new byte[64 * 1024];
        long failed = 0;
        for (long iteration = 0; Stopwatch.GetTimestamp() < deadline; iteration++)
        {
            var spec = request(client, iteration);
            var start = Stopwatch.GetTimestamp();
            bool ok;
            try
            {
                (ok, buffer) = await SendAsync(spec, buffer);
            }
            catch (HttpRequestException)
            {
                ok = false;
            }

            latencies.Add(Stopwatch.GetTimestamp() - start);
            failed += ok ? 0 : 1;
        }

        return (latencies, failed);
    }

    /// <summary>
    /// Sends one request and reads the whole answer into a buffer reused by the client. A failure is a status other
    /// than 2xx or an <c>"errors":[</c> list anywhere in the body: the response's errors or a mutation payload's.
    /// </summary>
    public async Task<(bool Ok, byte[] Buffer)> SendAsync(RequestSpec spec, byte[] buffer)
    {
        using var message = new HttpRequestMessage(spec.Method, spec.Uri);
        if (spec.Body is not null)
        {
            message.Content = new ByteArrayContent(spec.Body);
            message.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        }

        if (spec.Token is not null)
        {
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", spec.Token);
        }

        using var response = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead);
        await using var body = await response.Content.ReadAsStreamAsync();
        var length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                Array.Resize(ref buffer, buffer.Length * 2);
            }

            var read = await body.ReadAsync(buffer.AsMemory(length));
            if (read == 0)
            {
                break;
            }

            length += read;
        }

        return (response.IsSuccessStatusCode && buffer.AsSpan(0, length).IndexOf(ErrorsList) < 0, buffer);
    }
}
