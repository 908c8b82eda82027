using System.CommandLine;
using System.Globalization;
using Engagement.LoadTests.Reporting;

namespace Engagement.LoadTests.Bench;

/// <summary>
/// <c>bench all</c>: the whole set, one after the other on the same prepared machine — relay and chat (the baseline and
/// the product, side by side), directory, context, site-visitors, and failover when asked (it is long) — then one
/// combined report (.engage/bench/all.json and all.html) of every run that finished. A kind that fails does not stop
/// the others; the exit code says that one did.
/// </summary>
internal static class AllBench
{
    private static readonly string[] Kinds = ["relay", "chat", "directory", "context", "site-visitors"];

    public static Command Create(BenchSetupOptions setupOptions)
    {
        var profile = new StandardProfile();
        var duration = new Option<double?>("--duration") { Description = "Measured seconds of every run (default: each benchmark's own)" };
        var warmup = new Option<double?>("--warmup") { Description = "Warm-up seconds of every run (default: each benchmark's own)" };
        var kinds = new Option<string[]>("--kinds") { Description = "Which benchmarks, in this order", AllowMultipleArgumentsPerToken = true, DefaultValueFactory = _ => Kinds };
        var failover = new Option<bool>("--with-failover") { Description = "Also the failover benchmark (kills silos; takes minutes)" };
        var extra = Kinds.Append("failover").ToDictionary(k => k, k => new Option<string?>($"--{k}-args") { Description = $"More options for bench {k}, in one string" });
        var command = new Command("all", "Every benchmark in turn (relay and chat side by side, directory, context, site-visitors; failover with --with-failover), then one combined report (all.json, all.html).")
        {
            duration, warmup, kinds, failover,
        };
        profile.AddTo(command);
        foreach (var option in extra.Values) command.Options.Add(option);
        command.SetAction(async (parse, ct) =>
        {
            var setup = setupOptions.Read(parse);
            var started = DateTime.UtcNow;
            var chosen = parse.GetValue(kinds)!.SelectMany(k => k.Split(',', StringSplitOptions.RemoveEmptyEntries)).ToList();
            if (parse.GetValue(failover)) chosen.Add("failover");
            if (chosen.Except(Kinds.Append("failover")).FirstOrDefault() is { } unknown)
                throw new BenchUsageException($"bench all: unknown kind '{unknown}' (choose from {string.Join(", ", Kinds)})");
            var failed = new List<string>();
            foreach (var kind in chosen)
            {
                string[] args = ["bench", kind, .. setup.Arguments(), .. Common(kind, parse, profile, duration, warmup), .. Split(parse.GetValue(extra[kind]))];
                BenchLog.Info($"all: {kind} ({string.Join(' ', args.Skip(2).Where(a => !setup.Arguments().Contains(a)))})");
                try
                {
                    if (await LoadTool.Root().Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false }, ct) != 0) failed.Add(kind);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    BenchLog.Info($"all: {kind} failed: {ex.GetBaseException().Message}");
                    failed.Add(kind);
                }
            }
            var report = CombinedReport.Collect(setup, chosen, started);
            var html = await report.WriteAsync(setup.Out("all.json"));
            BenchLog.Info($"all: combined report in {BenchSetup.Shown(html)} (JSON beside it){(failed.Count > 0 ? $"; failed: {string.Join(", ", failed)}" : "")}");
            return failed.Count == 0 ? 0 : 1;
        });
        return command;
    }

    /// <summary>The options every kind takes in its own terms: relay and chat the standard profile, the others whole seconds.</summary>
    private static IEnumerable<string> Common(string kind, ParseResult parse, StandardProfile profile, Option<double?> duration, Option<double?> warmup)
    {
        var standard = kind is "relay" or "chat";
        if (standard) foreach (var a in profile.Arguments(parse)) yield return a;
        foreach (var (name, option) in new[] { ("--duration", duration), ("--warmup", warmup) })
        {
            if (kind is "directory" or "failover" || parse.GetValue(option) is not { } value) continue;
            yield return name;
            yield return standard ? value.ToString(CultureInfo.InvariantCulture) : Math.Ceiling(value).ToString(CultureInfo.InvariantCulture);
        }
    }

    private static string[] Split(string? args) => args?.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
}
