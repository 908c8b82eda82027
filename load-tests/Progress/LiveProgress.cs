using System.Diagnostics;
using Engagement.LoadTests.Measurement;
using Spectre.Console;

namespace Engagement.LoadTests.Progress;

/// <summary>
/// Once a second while a run goes on: samples how the cores were shared during that second (kept in the run's
/// timeline for the report) and shows the second's figures on stderr — a Spectre.Console live table on a terminal,
/// plain lines when stderr is a file or a pipe (CI logs, <c>| tee</c>), where redrawing would leave garbage.
/// stdout stays for the results.
/// </summary>
internal sealed class LiveProgress(string run, LoadMetrics metrics, int senders, IReadOnlyCollection<int> serverPids, ProgressMode mode)
{
    private const int RowsShown = 12;

    /// <summary>Runs until <paramref name="ct"/> is cancelled (the run's end); never throws for that.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        var shown = mode == ProgressMode.Auto ? (Interactive() ? ProgressMode.Live : ProgressMode.Plain) : mode;
        try
        {
            if (shown == ProgressMode.Live) await LiveAsync(ct);
            else await SampleAsync(shown == ProgressMode.Plain ? s => Console.Error.WriteLine(s.PlainLine(run)) : _ => { }, ct);
        }
        catch (OperationCanceledException) { }
    }

    private static bool Interactive() => !Console.IsErrorRedirected && Environment.GetEnvironmentVariable("TERM") is not (null or "dumb");

    private Task LiveAsync(CancellationToken ct)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        // Eight narrow columns fit an 80-column terminal; the cores of the last second go in the caption below.
        var table = new Table().Title(run).AddColumns("s", "phase", "sent/s", "recv/s", "p50 ms", "p99 ms", "err", "conn (lost)");
        return console.Live(table).StartAsync(ctx => SampleAsync(s =>
        {
            table.AddRow(s.Second.ToString(System.Globalization.CultureInfo.InvariantCulture), s.Phase, s.SentText, s.ArrivedText, s.P50Text, s.P99Text,
                s.Errors == 0 ? "0" : $"[red]{s.Errors:N0}[/]", Markup.Escape(s.ConnectionsCompact));
            while (table.Rows.Count > RowsShown) table.Rows.RemoveAt(0);
            table.Caption = new TableTitle(Markup.Escape($"cores: {s.CoresCompact}"));
            ctx.Refresh();
        }, ct));
    }

    private async Task SampleAsync(Action<ProgressSample> show, CancellationToken ct)
    {
        var clock = metrics.Clock;
        var cpu = CpuSnapshot.Take(serverPids);
        for (var second = 1; !ct.IsCancellationRequested; second++)
        {
            var due = clock.Start + second * Stopwatch.Frequency;
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.Zero) await Task.Delay(wait, ct);
            try
            {
                var now = CpuSnapshot.Take(serverPids);
                var share = CpuSnapshot.Between(cpu, now);
                cpu = now;
                IReadOnlyList<ProcessCores> cores = double.IsNaN(share.Ours) ? [] : [.. share.Trees, new("other processes", share.Others), new("stolen", share.Steal)];
                metrics.Timeline.OnCores(Stopwatch.GetTimestamp(), cores);
                show(ProgressSample.From(second - 1, metrics.Timeline.Rows(clock), senders, metrics.ConnectionsLost, cores));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Progress is for the eye: a second it cannot show must not fail the run it watches.
                Console.Error.WriteLine($"{run}: progress of second {second - 1} not shown ({ex.GetBaseException().Message})");
            }
        }
    }
}

/// <summary><c>--progress</c>: a live table on a terminal and plain lines otherwise (auto), always one of them, or nothing.</summary>
internal enum ProgressMode { Auto, Live, Plain, Off }
