using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Engagement.Media.Srtp;
using Engagement.Media.Transport;
using Xunit.Abstractions;

namespace Engagement.Media.Tests.Bench;

/// <summary>
/// 1 → N fan-out of the same audio+video streams through our SFU and, when run inside the
/// namespace prepared by run-media-bench.sh, through Janus VideoRoom: CPU per forwarded packet
/// (our packet thread; Janus's whole process), forwarding delay, memory. Writes a Markdown report
/// to MEDIA_BENCH_OUT (default: media-bench.md in the output folder).
/// </summary>
public sealed class MediaForwardingBenchmark(ITestOutputHelper output)
{
    private static readonly int[] SubscriberCounts = (Environment.GetEnvironmentVariable("MEDIA_BENCH_N") ?? "1,16,64,128")
        .Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
    private static readonly TimeSpan Warmup = TimeSpan.FromSeconds(6);
    private static readonly TimeSpan Measure = TimeSpan.FromSeconds(double.Parse(Environment.GetEnvironmentVariable("MEDIA_BENCH_SECONDS") ?? "10", CultureInfo.InvariantCulture));
    private static readonly string? JanusInterface = Environment.GetEnvironmentVariable("MEDIA_BENCH_JANUS_INTERFACE");
    private static readonly string? JanusAddress = Environment.GetEnvironmentVariable("MEDIA_BENCH_JANUS_ADDRESS");

    private sealed record Point(int N, double CpuSeconds, long Forwarded, double Seconds, double P50, double P99, double RssMb,
        double LoadStart, double LoadEnd, int Gcs, double GcPauseMs,
        double CopyP50 = double.NaN, double CopyP99 = double.NaN, double LastCopyP99 = double.NaN, double LastCopyP50 = double.NaN,
        double RunQueueWaitMs = double.NaN, long Involuntary = -1)
    {
        public double MicrosecondsPerPacket => Forwarded == 0 ? double.NaN : CpuSeconds * 1e6 / Forwarded;
    }

    [BenchmarkFact]
    public async Task Fan_out_one_publisher_to_n_subscribers()
    {
        var ours = new List<Point>();
        var janus = new List<Point>();
        foreach (var n in SubscriberCounts)
        {
            ours.Add(await RunOursAsync(n));
            await WriteReportAsync(ours, janus); // a later failure (Janus) keeps what was measured
        }
        if (JanusInterface is not null && JanusAddress is not null && File.Exists(JanusServer.Executable))
        {
            foreach (var n in SubscriberCounts)
            {
                janus.Add(await RunJanusAsync(n));
                await WriteReportAsync(ours, janus);
            }
        }
        var path = await WriteReportAsync(ours, janus);
        output.WriteLine(await File.ReadAllTextAsync(path));
        output.WriteLine($"written to {path}");
    }

    private static async Task<string> WriteReportAsync(List<Point> ours, List<Point> janus)
    {
        var report = new StringBuilder();
        report.AppendLine($"# Media forwarding benchmark ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, {Environment.MachineName})");
        report.AppendLine();
        report.AppendLine($"One publisher → N subscribers. Video {FanOut.VideoPacketsPerSecond} pkt/s × 1,200 B (≈ 0.9 Mbit/s), audio {FanOut.AudioPacketsPerSecond} pkt/s × 120 B; SRTP AEAD_AES_128_GCM; load peers in the same process, on the same 2 cores.");
        report.AppendLine("Forwarded = RTP packets the subscribers received and decrypted in the window. CPU: our SFU's packet thread plus its fan-out helper threads (all forwarding runs there); Janus's whole process.");
        report.AppendLine("Added latency (ours) = receive call returning → that subscriber's copy sent, over all copies; last copy = the N-th copy. End-to-end = publisher stamp → subscriber decrypt.");
        report.AppendLine("Load = 1-minute load average at the start → end of the point's window. GCs = collections in the test process during the window (every generation counts once; they suspend the SFU's threads too), with their summed pause. Run-queue wait = time the SFU's packet and fan-out threads were runnable but kept off a core (schedstat), per second, and their involuntary context switches.");
        report.AppendLine();
        report.AppendLine($"Our packet thread and fan-out helpers were scheduled as: {s_scheduling ?? "?"}.");
        report.AppendLine();
        Table(report, "Engagement SFU", ours, internalLatency: true);
        if (janus.Count > 0) Table(report, "Janus 1.1.2 VideoRoom", janus, internalLatency: false);
        else report.AppendLine("Janus not measured in this run (run tests/Engagement.Media.Tests/Bench/run-media-bench.sh as root for the comparison).");
        var path = Environment.GetEnvironmentVariable("MEDIA_BENCH_OUT") ?? Path.Combine(AppContext.BaseDirectory, "media-bench.md");
        await File.WriteAllTextAsync(path, report.ToString());
        return path;
    }

    private static void Table(StringBuilder report, string title, List<Point> points, bool internalLatency)
    {
        report.AppendLine($"## {title}");
        report.AppendLine();
        report.AppendLine("| N | forwarded pkt/s | CPU | µs CPU / fwd pkt | fwd pkt per CPU-s | added p50 µs | added p99 µs | last copy p50 µs | last copy p99 µs | end-to-end p50 µs | end-to-end p99 µs | RSS MB | load | GCs (pause ms) | run-queue wait ms/s (invol. switches) |");
        report.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var p in points)
        {
            report.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {p.N} | {p.Forwarded / p.Seconds:F0} | {p.CpuSeconds / p.Seconds * 100:F1} % | {p.MicrosecondsPerPacket:F2} | {p.Forwarded / Math.Max(p.CpuSeconds, 1e-9):F0} | {Cell(p.CopyP50, internalLatency)} | {Cell(p.CopyP99, internalLatency)} | {Cell(p.LastCopyP50, internalLatency)} | {Cell(p.LastCopyP99, internalLatency)} | {p.P50:F0} | {p.P99:F0} | {p.RssMb:F0} | {p.LoadStart:F1} → {p.LoadEnd:F1} | {p.Gcs} ({p.GcPauseMs:F1}) | {(internalLatency ? $"{p.RunQueueWaitMs / p.Seconds:F1} ({p.Involuntary})" : "–")} |"));
        }
        var slope = Slope(points.Select(p => (p.Forwarded / p.Seconds, p.CpuSeconds / p.Seconds)).ToList());
        report.AppendLine();
        report.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"Slope of CPU over forwarded packets: **{slope * 1e6:F2} µs per forwarded packet** → about {1.0 / (slope * (FanOut.VideoPacketsPerSecond + FanOut.AudioPacketsPerSecond)):F0} forwarded audio+video stream pairs, or {1.0 / (slope * FanOut.VideoPacketsPerSecond):F0} video-only streams, per core."));
        report.AppendLine();
    }

    private static string? s_scheduling;

    private static string Cell(double value, bool shown) => shown ? value.ToString("F0", CultureInfo.InvariantCulture) : "–";

    private static async Task<Point> RunOursAsync(int subscribers)
    {
        await using var fanOut = await FanOut.StartAsync(FanOut.NewEngine(), subscribers, SrtpProfile.AeadAes128Gcm);
        var mux = fanOut.Engine!.Mux;
        s_scheduling = mux.Scheduling;
        long[] copyBefore = [], dispatchBefore = [];
        (TimeSpan Wait, long Involuntary) schedBefore = default;
        var point = await MeasureAsync(fanOut, subscribers, () => ThreadCpu.OfThreadsNamed("media-udp", "media-fanout"), () => Process.GetCurrentProcess().WorkingSet64 / 1048576.0,
            () =>
            {
                copyBefore = mux.CopyLatency.Snapshot();
                dispatchBefore = mux.DispatchLatency.Snapshot();
                schedBefore = ThreadCpu.SchedulingOfThreadsNamed("media-udp", "media-fanout");
            });
        var copyAfter = mux.CopyLatency.Snapshot();
        var dispatchAfter = mux.DispatchLatency.Snapshot();
        var schedAfter = ThreadCpu.SchedulingOfThreadsNamed("media-udp", "media-fanout");
        return point with
        {
            LastCopyP50 = DispatchLatencyHistogram.Percentile(dispatchBefore, dispatchAfter, 50),
            RunQueueWaitMs = (schedAfter.RunQueueWait - schedBefore.Wait).TotalMilliseconds,
            Involuntary = schedAfter.Involuntary - schedBefore.Involuntary,
            CopyP50 = DispatchLatencyHistogram.Percentile(copyBefore, copyAfter, 50),
            CopyP99 = DispatchLatencyHistogram.Percentile(copyBefore, copyAfter, 99),
            LastCopyP99 = DispatchLatencyHistogram.Percentile(dispatchBefore, dispatchAfter, 99),
        };
    }

    private static async Task<Point> RunJanusAsync(int subscribers)
    {
        using var janus = await JanusServer.StartAsync(JanusInterface!, 18088);
        await using var fanOut = await FanOut.StartAsync(janus, IPAddress.Parse(JanusAddress!), subscribers, SrtpProfile.AeadAes128Gcm);
        return await MeasureAsync(fanOut, subscribers, () => janus.Cpu, () => janus.RssMb, () => { });
    }

    private static async Task<Point> MeasureAsync(FanOut fanOut, int subscribers, Func<TimeSpan> cpu, Func<double> rss, Action atStart)
    {
        fanOut.StartSending();
        await Task.Delay(Warmup);
        var latency = new LatencySamples(4_000_000);
        foreach (var s in fanOut.Subscribers) s.Latency = latency;
        atStart();
        var loadStart = ThreadCpu.LoadAverage();
        var gcsBefore = GC.CollectionCount(0);
        var pauseBefore = GC.GetTotalPauseDuration();
        var cpuBefore = cpu();
        var receivedBefore = fanOut.ReceivedBySubscribers;
        var clock = Stopwatch.StartNew();
        await Task.Delay(Measure);
        var seconds = clock.Elapsed.TotalSeconds;
        var cpuSeconds = (cpu() - cpuBefore).TotalSeconds;
        var forwarded = fanOut.ReceivedBySubscribers - receivedBefore;
        var gcs = GC.CollectionCount(0) - gcsBefore;
        var pause = GC.GetTotalPauseDuration() - pauseBefore;
        foreach (var s in fanOut.Subscribers) s.Latency = null;
        return new Point(subscribers, cpuSeconds, forwarded, seconds, latency.PercentileMicroseconds(50), latency.PercentileMicroseconds(99), rss(),
            loadStart, ThreadCpu.LoadAverage(), gcs, pause.TotalMilliseconds);
    }

    private static double Slope(List<(double X, double Y)> points)
    {
        if (points.Count < 2) return points.Count == 1 && points[0].X > 0 ? points[0].Y / points[0].X : double.NaN;
        var mx = points.Average(p => p.X);
        var my = points.Average(p => p.Y);
        return points.Sum(p => (p.X - mx) * (p.Y - my)) / points.Sum(p => (p.X - mx) * (p.X - mx));
    }
}
