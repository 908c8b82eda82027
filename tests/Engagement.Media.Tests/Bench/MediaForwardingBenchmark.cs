using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Engagement.Media.Srtp;
using Engagement.Media.Transport;
using Xunit.Abstractions;

namespace Engagement.Media.Tests.Bench;

/// <summary>
/// 1 → N fan-out of audio+video through the SFU: CPU of the packet thread per forwarded packet
/// (slope over N and per point), one-way delay publisher → subscriber (p50/p99) against a direct
/// loopback baseline, and process memory. Writes a Markdown table to MEDIA_BENCH_OUT (or the output dir).
/// Janus VideoRoom is not measured here yet (see docs/media-plane.md).
/// </summary>
public sealed class MediaForwardingBenchmark(ITestOutputHelper output)
{
    private static readonly int[] SubscriberCounts = ParseCounts(Environment.GetEnvironmentVariable("MEDIA_BENCH_N") ?? "1,8,32,64");
    private static readonly TimeSpan Warmup = TimeSpan.FromSeconds(6);
    private static readonly TimeSpan Measure = TimeSpan.FromSeconds(double.Parse(Environment.GetEnvironmentVariable("MEDIA_BENCH_SECONDS") ?? "10", CultureInfo.InvariantCulture));

    [BenchmarkFact]
    public async Task Fan_out_one_publisher_to_n_subscribers()
    {
        var report = new StringBuilder();
        var baseline = await DirectLoopbackBaselineAsync();
        report.AppendLine($"# Media forwarding benchmark ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores)");
        report.AppendLine();
        report.AppendLine($"Stream: video {FanOut.VideoPacketsPerSecond} pkt/s × 1,200 B + audio {FanOut.AudioPacketsPerSecond} pkt/s × 120 B, SRTP AEAD_AES_128_GCM, loopback.");
        report.AppendLine($"Direct loopback baseline (same peer code, no SFU): p50 {baseline.P50:F0} µs, p99 {baseline.P99:F0} µs.");
        report.AppendLine();
        report.AppendLine("Added forwarding latency = inside the SFU, from the receive call returning to a subscriber's copy being sent, over all copies; 'last copy p99' is the same to the N-th copy of each packet.");
        report.AppendLine("End-to-end = publisher stamp to subscriber decrypt, through the kernel and the load peers sharing the same 2 cores.");
        report.AppendLine();
        report.AppendLine("| subscribers | forwarded pkt/s | packet-thread CPU | µs CPU / forwarded pkt | fwd pkt per CPU-s | added p50 µs | added p99 µs | last copy p99 µs | end-to-end p50 µs | end-to-end p99 µs | process RSS MB |");
        report.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        var points = new List<(int N, double CpuSeconds, long Forwarded, double Seconds)>();
        foreach (var n in SubscriberCounts)
        {
            var point = await RunAsync(n);
            points.Add((n, point.CpuSeconds, point.Forwarded, point.Seconds));
            var perPacket = point.Forwarded == 0 ? double.NaN : point.CpuSeconds * 1e6 / point.Forwarded;
            report.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {n} | {point.Forwarded / point.Seconds:F0} | {point.CpuSeconds / point.Seconds * 100:F1} % | {perPacket:F2} | {point.Forwarded / Math.Max(point.CpuSeconds, 1e-9):F0} | {point.CopyP50:F0} | {point.CopyP99:F0} | {point.LastCopyP99:F0} | {point.P50:F0} | {point.P99:F0} | {point.RssMb:F0} |"));
        }
        var slope = Slope(points.Select(p => ((double)p.Forwarded / p.Seconds, p.CpuSeconds / p.Seconds)).ToList());
        var videoStreamsPerCore = 1.0 / (slope * FanOut.VideoPacketsPerSecond);
        report.AppendLine();
        report.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"Slope of packet-thread CPU over forwarded packets: {slope * 1e6:F2} µs per forwarded packet → about {videoStreamsPerCore:F0} forwarded video streams ({FanOut.VideoPacketsPerSecond} pkt/s) per core (forwarding thread only; audio excluded)."));
        var text = report.ToString();
        output.WriteLine(text);
        var path = Environment.GetEnvironmentVariable("MEDIA_BENCH_OUT") ?? Path.Combine(AppContext.BaseDirectory, "media-bench.md");
        await File.WriteAllTextAsync(path, text);
        output.WriteLine($"written to {path}");
    }

    private static async Task<(double CpuSeconds, long Forwarded, double Seconds, double P50, double P99, double RssMb, double CopyP50, double CopyP99, double LastCopyP99)> RunAsync(int subscribers)
    {
        await using var fanOut = await FanOut.StartAsync(FanOut.NewEngine(), subscribers, SrtpProfile.AeadAes128Gcm);
        fanOut.StartSending();
        await Task.Delay(Warmup);
        var latency = new LatencySamples(4_000_000);
        foreach (var s in fanOut.Subscribers) s.Latency = latency;
        var thread = fanOut.Engine.Mux.PacketThreadId;
        var cpuBefore = ThreadCpu.Of(thread);
        var forwardedBefore = fanOut.Engine.GetStats().PacketsForwarded;
        var dispatchBefore = fanOut.Engine.Mux.DispatchLatency.Snapshot();
        var copyBefore = fanOut.Engine.Mux.CopyLatency.Snapshot();
        var clock = Stopwatch.StartNew();
        await Task.Delay(Measure);
        var seconds = clock.Elapsed.TotalSeconds;
        var cpu = (ThreadCpu.Of(thread) - cpuBefore).TotalSeconds;
        var forwarded = fanOut.Engine.GetStats().PacketsForwarded - forwardedBefore;
        var dispatchAfter = fanOut.Engine.Mux.DispatchLatency.Snapshot();
        var copyAfter = fanOut.Engine.Mux.CopyLatency.Snapshot();
        foreach (var s in fanOut.Subscribers) s.Latency = null;
        var rss = Process.GetCurrentProcess().WorkingSet64 / (1024.0 * 1024.0);
        return (cpu, forwarded, seconds, latency.PercentileMicroseconds(50), latency.PercentileMicroseconds(99), rss,
            DispatchLatencyHistogram.Percentile(copyBefore, copyAfter, 50), DispatchLatencyHistogram.Percentile(copyBefore, copyAfter, 99),
            DispatchLatencyHistogram.Percentile(dispatchBefore, dispatchAfter, 99));
    }

    /// <summary>One-way delay of timestamped 1,200-byte datagrams over loopback with no SFU: the floor the SFU adds to.</summary>
    private static async Task<(double P50, double P99)> DirectLoopbackBaselineAsync()
    {
        using var receiver = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        receiver.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        using var sender = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        sender.Connect(receiver.LocalEndPoint!);
        var samples = new LatencySamples(10_000);
        using var stop = new CancellationTokenSource();
        var receive = Task.Run(async () =>
        {
            var buffer = new byte[2048];
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    var n = await receiver.ReceiveAsync(buffer.AsMemory(), SocketFlags.None, stop.Token);
                    if (n >= 8) samples.Add(Stopwatch.GetTimestamp() - BitConverter.ToInt64(buffer, 0));
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        });
        var payload = new byte[1200];
        for (var i = 0; i < 3000; i++)
        {
            BitConverter.TryWriteBytes(payload, Stopwatch.GetTimestamp());
            sender.Send(payload);
            await Task.Delay(1);
        }
        await Task.Delay(200);
        stop.Cancel();
        await receive;
        return (samples.PercentileMicroseconds(50), samples.PercentileMicroseconds(99));
    }

    private static double Slope(List<(double X, double Y)> points)
    {
        if (points.Count < 2) return points.Count == 1 && points[0].X > 0 ? points[0].Y / points[0].X : double.NaN;
        var mx = points.Average(p => p.X);
        var my = points.Average(p => p.Y);
        return points.Sum(p => (p.X - mx) * (p.Y - my)) / points.Sum(p => (p.X - mx) * (p.X - mx));
    }

    private static int[] ParseCounts(string text) => text.Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
}
