using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Engagement.LoadTests.Measurement;

namespace Engagement.LoadTests.Conversations;

/// <summary>
/// Closed-loop round trips: <c>concurrency</c> workers each send a request as soon as their last one answered, for a
/// warm-up (not recorded) and then a measured window or a fixed number of requests. Each request's time goes into the
/// HdrHistogram of its kind; an answer other than 2xx is counted as an error of that kind.
/// </summary>
internal sealed class RoundTrips(int concurrency)
{
    public sealed record Result(IReadOnlyDictionary<string, LatencyHistogram> Kinds, IReadOnlyDictionary<string, long> Errors, long Count, double Seconds, CpuShare? Cpu);

    /// <param name="send">Sends the n-th request; its kind and the answer's status.</param>
    /// <param name="serverPids">The servers' processes, whose CPU counts as the benchmark's own.</param>
    public async Task<Result> RunAsync(Func<long, CancellationToken, Task<(string Kind, HttpStatusCode Status)>> send,
        TimeSpan warmup, TimeSpan? window, long? count, IReadOnlyCollection<int> serverPids, CancellationToken ct)
    {
        var kinds = new ConcurrentDictionary<string, LatencyHistogram>();
        var errors = new ConcurrentDictionary<string, long>();
        long next = -1, recorded = 0;
        var clock = Stopwatch.StartNew();
        var measureFrom = warmup;
        var measureTo = window is { } w ? warmup + w : TimeSpan.MaxValue;
        CpuSnapshot? cpuStart = null;
        var startLock = new object();
        double firstRecorded = double.NaN;

        async Task Worker()
        {
            while (!ct.IsCancellationRequested)
            {
                var at = clock.Elapsed;
                if (at >= measureTo) return;
                var measured = at >= measureFrom;
                if (measured && count is { } limit && Interlocked.Increment(ref recorded) > limit) return;
                if (measured && cpuStart is null)
                {
                    lock (startLock)
                    {
                        if (cpuStart is null) { cpuStart = CpuSnapshot.Take(serverPids); firstRecorded = at.TotalSeconds; }
                    }
                }
                var n = Interlocked.Increment(ref next);
                var started = Stopwatch.GetTimestamp();
                string kind;
                HttpStatusCode status;
                try
                {
                    (kind, status) = await send(n, ct);
                }
                catch (HttpRequestException)
                {
                    (kind, status) = ("(connection)", HttpStatusCode.ServiceUnavailable);
                }
                if (!measured) continue;
                if (count is null) Interlocked.Increment(ref recorded);
                kinds.GetOrAdd(kind, _ => new LatencyHistogram()).Record(Stopwatch.GetTimestamp() - started);
                if ((int)status is < 200 or > 299) errors.AddOrUpdate(kind, 1, (_, e) => e + 1);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(Worker, ct)));
        var end = CpuSnapshot.Take(serverPids);
        var seconds = clock.Elapsed.TotalSeconds - firstRecorded;
        return new Result(kinds, errors, kinds.Values.Sum(h => h.Count), seconds, cpuStart is null ? null : CpuSnapshot.Between(cpuStart, end));
    }
}
