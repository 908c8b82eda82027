using System.Diagnostics;
using Engagement.LoadTests.Measurement;

namespace Engagement.LoadTests.Routing;

/// <summary>The figures of a routing run, from what the tool recorded.</summary>
internal sealed partial class RoutingRun
{
    private RoutingResult Result(long t0, long arrivalsEnd, long end, string loadBefore, CpuShare whole, CpuShare? drain)
    {
        var startToOffer = new LatencyHistogram();
        long neverOffered = 0, neverAccepted = 0, acceptedWithoutStart = 0;
        foreach (var record in _sessions.Values)
        {
            lock (record)
            {
                if (record.StartCall == 0)
                {
                    // The server made the session although the tool's StartSession failed (a timeout), and offered it.
                    if (record.Accepted != 0) acceptedWithoutStart++;
                    continue;
                }
                if (record.FirstOffer == 0) neverOffered++;
                else startToOffer.Record(record.FirstOffer - record.StartCall);
                if (record.Accepted == 0) neverAccepted++;
            }
        }
        var go = Interlocked.Read(ref _go);
        var accepts = _acceptTimes.ToArray();
        var from = settings.AvailableAfter == 0 ? t0 : go;
        var rate = AssignmentRate.Of(accepts, from, accepts.Length == 0 ? from : accepts.Max());
        int freesUnanswered;
        lock (_agents) freesUnanswered = _agents.Count(a => { lock (a) return a.Ledger.Waiting; });
        double Seconds(long ticks) => (double)ticks / Stopwatch.Frequency;
        return new RoutingResult(
            settings.Agents, settings.Capacity, settings.Sessions, settings.ArrivalRate, settings.VisitorConnections, settings.AvailableAfter,
            $"{settings.HandleMin.TotalSeconds:0.#}-{settings.HandleMax.TotalSeconds:0.#} s",
            [.. _scenario.Queues.Select(q => $"{q.Skill} ({q.Share:P0}): {q.Policy}")],
            Seconds(arrivalsEnd - t0), go == 0 ? null : Seconds(go - t0), _goDone == 0 ? null : Seconds(_goDone - go), Seconds(end - t0),
            Interlocked.Read(ref _started), Interlocked.Read(ref _startFailures), Interlocked.Read(ref _offers), Interlocked.Read(ref _accepted),
            Interlocked.Read(ref _closed), neverOffered, neverAccepted, acceptedWithoutStart, Interlocked.Read(ref _acceptFailures), Interlocked.Read(ref _closeFailures),
            Interlocked.Read(ref _revoked), Interlocked.Read(ref _dropped),
            _lastStartError, _lastAcceptError, _lastCloseError,
            rate, _offerFromFreed.Summary(), Interlocked.Read(ref _offersBeforeFreed), _offerFromCloseReturn.Summary(), _offerFromCloseStart.Summary(),
            Interlocked.Read(ref _offersBeforeCloseReturned), freesUnanswered,
            startToOffer.Summary(), _startCall.Summary(), _accept.Summary(), _close.Summary(), _anchorIdle.Summary(), _anchorLoad.Summary(),
            Interlocked.Read(ref _queuePositions), Interlocked.Read(ref _visitorOther), Interlocked.Read(ref _agentEvents),
            Timeline(t0, end), loadBefore, LoadAverage(), Environment.ProcessorCount, RoutingResult.CoresText(whole), drain is null ? null : RoutingResult.CoresText(drain));
    }

    /// <summary>Per second from the first arrival: StartSession answers, offers, accepts and closes.</summary>
    private int[][] Timeline(long t0, long end)
    {
        var seconds = (int)Math.Ceiling((double)(end - t0) / Stopwatch.Frequency) + 1;
        int[] Count(IEnumerable<long> times)
        {
            var buckets = new int[seconds];
            foreach (var t in times)
                if (t >= t0) buckets[Math.Min(seconds - 1, (int)((t - t0) / Stopwatch.Frequency))]++;
            return buckets;
        }
        return [Count(_startTimes), Count(_offerTimes), Count(_acceptTimes), Count(_closeTimes)];
    }
}
