using System.Diagnostics;
using HdrHistogram;

namespace Engagement.LoadTests.Reporting;

/// <summary>
/// A run's latencies in HdrHistogram's own log format (compressed, base64 interval histograms), so runs from several
/// generator processes or machines merge exactly: histograms add, percentiles do not. Values are microseconds (not
/// Stopwatch ticks, whose unit differs between machines). Each second of the run is an interval tagged with what it
/// measured ("delivery", "ack"); the measured window's whole histograms are tagged "delivery-window" and "ack-window".
/// </summary>
internal static class HistogramLog
{
    public const string Window = "-window";
    private static readonly long HighestMicros = 300_000_000;

    public static void Write(string path, DateTimeOffset startUtc, IEnumerable<LogEntry> entries)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        // The library writes UTF-16; the format's other tools (Java's HistogramLogProcessor, HdrHistogram's JS) read ASCII.
        var buffer = new MemoryStream();
        using (var writer = new HistogramLogWriter(buffer)) Write(writer, startUtc, entries);
        using var text = new StreamReader(new MemoryStream(buffer.ToArray()), detectEncodingFromByteOrderMarks: true);
        File.WriteAllText(path, text.ReadToEnd(), new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
    }

    private static void Write(HistogramLogWriter writer, DateTimeOffset startUtc, IEnumerable<LogEntry> entries)
    {
        var start = startUtc.UtcDateTime;
        var startMs = startUtc.ToUnixTimeMilliseconds();
        var histograms = entries.Select(e =>
        {
            var micros = e.Histogram;
            micros.Tag = e.Tag;
            micros.StartTimeStamp = startMs + e.Second * 1000L;
            micros.EndTimeStamp = micros.StartTimeStamp + 1000L * e.Seconds;
            return micros;
        }).ToArray();
        writer.Write(start, histograms);
    }

    /// <summary>Every interval of a log, in microseconds, with the second of the run it began in.</summary>
    public static IReadOnlyList<LogEntry> Read(string path)
    {
        using var file = File.OpenRead(path);
        using var reader = new HistogramLogReader(file);
        var entries = new List<LogEntry>();
        long? startMs = null;
        foreach (var h in reader.ReadHistograms())
        {
            startMs ??= new DateTimeOffset(DateTime.SpecifyKind(reader.GetStartTime(), DateTimeKind.Utc)).ToUnixTimeMilliseconds();
            var second = (int)Math.Round((h.StartTimeStamp - startMs.Value) / 1000.0);
            var seconds = (int)Math.Max(1, Math.Round((h.EndTimeStamp - h.StartTimeStamp) / 1000.0));
            entries.Add(new LogEntry(h.Tag ?? "", second, seconds, h));
        }
        return entries;
    }

    /// <summary>An empty histogram in microseconds, 1 µs to 5 min, 3 significant digits (as the run's own).</summary>
    public static HistogramBase NewMicros() => new LongHistogram(1, HighestMicros, 3);

    /// <summary>A histogram of Stopwatch ticks as microseconds (each recorded value scaled; within the histograms' precision).</summary>
    public static HistogramBase ToMicros(HistogramBase ticks) => Measurement.WhileRecording.Read(() =>
    {
        var micros = NewMicros();
        foreach (var v in ticks.RecordedValues())
            micros.RecordValueWithCount(Math.Clamp(v.ValueIteratedTo * 1_000_000 / Stopwatch.Frequency, 1, HighestMicros), v.CountAtValueIteratedTo);
        return micros;
    }, NewMicros());

    /// <summary>The sum of the histograms with <paramref name="tag"/> (e.g. several generators' windows).</summary>
    public static HistogramBase Sum(IEnumerable<LogEntry> entries, string tag)
    {
        var sum = NewMicros();
        foreach (var e in entries.Where(e => e.Tag == tag)) sum.Add(e.Histogram);
        return sum;
    }
}

/// <summary>One interval of the log: what it measured, the second of the run it began in, how many seconds it spans.</summary>
internal sealed record LogEntry(string Tag, int Second, int Seconds, HistogramBase Histogram);
