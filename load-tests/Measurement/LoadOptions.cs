using System.CommandLine;
using Engagement.LoadTests.Generators;
using Engagement.LoadTests.Progress;

namespace Engagement.LoadTests.Measurement;

/// <summary>The options every load command shares (rate, timing, window, output), and the profile they make.</summary>
internal sealed class LoadOptions
{
    public Option<double> Rate { get; } = new("--rate") { Description = "Aggregate messages/s, open loop; 0 = max throughput", DefaultValueFactory = _ => 5000 };
    public Option<double> Duration { get; } = new("--duration") { Description = "Measured window, seconds", DefaultValueFactory = _ => 30 };
    public Option<double> Warmup { get; } = new("--warmup") { Description = "Warm-up before the window, seconds (same load, not recorded)", DefaultValueFactory = _ => 10 };
    public Option<int> Window { get; } = new("--window") { Description = "With --rate 0: messages in flight per sending connection", DefaultValueFactory = _ => 4 };
    public Option<int> MaxInFlight { get; } = new("--max-in-flight") { Description = "With --rate > 0: a connection with this many unacknowledged messages skips its turn (reported as shed)", DefaultValueFactory = _ => 1000 };
    public Option<int> Size { get; } = new("--size") { Description = "Characters of text per message", DefaultValueFactory = _ => 100 };
    public Option<double> Drain { get; } = new("--drain") { Description = "Seconds to wait after the window for outstanding acknowledgements and deliveries", DefaultValueFactory = _ => 10 };
    public Option<int[]> ServerPids { get; } = new("--server-pid") { Description = "Server process ids (children included) to count as the benchmark's own CPU; others are reported as interference", AllowMultipleArgumentsPerToken = true, DefaultValueFactory = _ => [] };
    public Option<string?> SummaryFile { get; } = new("--summary-file") { Description = "Also write the result as JSON to this file" };
    public Option<string?> TimelineFile { get; } = new("--timeline") { Description = "Also write the run second by second (UTC time, sent, arrived, delivery p50/p99/max, ack p99/max, pacer lag) as CSV to this file" };

    public Option<string?> ReportFile { get; } = new("--report") { Description = "Also write a report: this JSON file, an HTML file with plots and an HdrHistogram log (.hlog) beside it" };
    public Option<ProgressMode> Progress { get; } = new("--progress") { Description = "Second-by-second progress on stderr: a live table on a terminal, plain lines otherwise (Auto), or Live, Plain, Off", DefaultValueFactory = _ => ProgressMode.Auto };
    public Option<string?> Schedule { get; } = new("--schedule") { Description = "A rate profile instead of --rate, e.g. ramp:100-1000:20,steady:1000:30,spike:3000:5 (rate/s : seconds); it is the measured window (--duration is its length), after --warmup at its first rate" };

    public Option<int> Generators { get; } = new("--generators") { Description = "Share the load among this many processes of this tool and merge their HdrHistograms into one result", DefaultValueFactory = _ => 1 };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Rate, Duration, Warmup, Window, MaxInFlight, Size, Drain, ServerPids, SummaryFile, TimelineFile, ReportFile, Progress, Schedule, Generators })
            command.Options.Add(option);
    }

    public LoadProfile Profile(ParseResult parse)
    {
        var profile = new LoadProfile(
            parse.GetValue(Rate),
            TimeSpan.FromSeconds(parse.GetValue(Warmup)),
            TimeSpan.FromSeconds(parse.GetValue(Duration)),
            parse.GetValue(Window),
            parse.GetValue(MaxInFlight),
            parse.GetValue(Size),
            TimeSpan.FromSeconds(parse.GetValue(Drain)),
            parse.GetValue(ServerPids) ?? [],
            parse.GetValue(TimelineFile),
            parse.GetValue(ReportFile),
            parse.GetValue(Progress));
        if (parse.GetValue(Schedule) is { } text)
        {
            var schedule = RateSchedule.Parse(text);
            profile = profile with { Schedule = schedule, Rate = schedule.PeakRate, Duration = schedule.Length };
        }
        if (profile.Rate < 0 || profile.Duration <= TimeSpan.Zero || profile.Warmup < TimeSpan.Zero || profile.Window < 1
            || profile.MaxInFlight < 1 || profile.MessageSize is < 1 or > 4000 || profile.Drain < TimeSpan.Zero)
            throw new ArgumentException("need --rate ≥ 0, --duration > 0, --warmup ≥ 0, --window ≥ 1, --max-in-flight ≥ 1, --size 1..4000, --drain ≥ 0");
        return profile;
    }

    /// <summary>
    /// When <c>--generators</c> is above 1: runs the command as that many generator processes, each with its share of
    /// <paramref name="rates"/> and <paramref name="counts"/>, and merges their results; null otherwise (run here).
    /// </summary>
    public Task<int>? FanOut(ParseResult parse, string command, IReadOnlyDictionary<string, int> counts, IReadOnlyCollection<string> dropped, CancellationToken ct)
    {
        var n = parse.GetValue(Generators);
        if (n <= 1) return null;
        var tokens = GeneratorShares.Without([.. parse.Tokens.Select(t => t.Value).SkipWhile(v => v != command).Skip(1)], dropped);
        var rates = new Dictionary<string, double> { ["--rate"] = parse.GetValue(Rate) };
        return new GeneratorFanOut(command, n, parse.GetValue(ReportFile), parse.GetValue(SummaryFile)).RunAsync(
            (i, report, summary) => GeneratorShares.For(command, tokens, rates, counts, parse.GetValue(Schedule), n, i, report, summary), ct);
    }

    /// <summary>
    /// The command line as typed, for the results table: secret values masked, the summary and timeline files left
    /// out (they say where the result went, not how it was measured).
    /// </summary>
    public static string Echo(string[] args, params string[] secretOptions)
    {
        var shown = new List<string> { "Engagement.LoadTests" };
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] is "--summary-file" or "--timeline" or "--report" or "--progress" && i + 1 < args.Length) { i++; continue; }
            shown.Add(Quote(args[i]));
            if (secretOptions.Contains(args[i]) && i + 1 < args.Length) { shown.Add("***"); i++; }
        }
        return string.Join(' ', shown);
    }

    private static string Quote(string arg) => arg.Contains(' ') ? $"'{arg}'" : arg;
}
