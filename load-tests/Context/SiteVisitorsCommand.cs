using System.CommandLine;
using Engagement.LoadTests.Api;
using Engagement.LoadTests.Measurement;

namespace Engagement.LoadTests.Context;

/// <summary>
/// `site-visitors --visitors V --watchers W --rate R`: "visitors on site now" under load. V visitors are on the
/// site (real visitor connections); they change page R times a second in total (TrackPageView); W agent
/// connections watch the site. Measures the time from a page change to a watcher receiving the batch that
/// carries it (on a sample of watchers), the batches and bytes each watcher receives. See <see cref="SiteVisitorsRun"/>.
/// </summary>
internal static class SiteVisitorsCommand
{
    public static Command Create()
    {
        var url = new Option<string>("--url") { Description = "Silo base URL", DefaultValueFactory = _ => "http://127.0.0.1:5080/" };
        var visitors = new Option<int>("--visitors") { Description = "Visitors on the site (visitor connections)", DefaultValueFactory = _ => 1000 };
        var watchers = new Option<int>("--watchers") { Description = "Agent connections watching the site", DefaultValueFactory = _ => 200 };
        var sampled = new Option<int>("--sampled-watchers") { Description = "Watchers whose every receipt is timed", DefaultValueFactory = _ => 10 };
        var rate = new Option<int>("--rate") { Description = "Page changes per second, in total", DefaultValueFactory = _ => 100 };
        var duration = new Option<int>("--duration") { Description = "Measured seconds", DefaultValueFactory = _ => 30 };
        var warmup = new Option<int>("--warmup") { Description = "Seconds of load before measuring", DefaultValueFactory = _ => 5 };
        var admin = new AdminOptions();
        var summary = new Option<string?>("--summary-file") { Description = "Write the figures as JSON here" };
        var schedule = new Option<string?>("--schedule") { Description = "A rate profile for the window instead of --rate, e.g. ramp:20-200:20,steady:200:30,spike:500:5 (the warm-up runs at its first rate)" };
        var command = new Command("site-visitors", "Page change → the siteVisitor batch on agents watching the site (median, p99).")
        {
            url, visitors, watchers, sampled, rate, duration, warmup, summary, schedule,
        };
        admin.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var settings = new SiteVisitorsSettings(new Uri(parse.GetValue(url)!), parse.GetValue(visitors), parse.GetValue(watchers),
                Math.Min(parse.GetValue(sampled), parse.GetValue(watchers)), parse.GetValue(rate), TimeSpan.FromSeconds(parse.GetValue(duration)),
                TimeSpan.FromSeconds(parse.GetValue(warmup)), parse.GetValue(admin.Email)!, parse.GetValue(admin.Password)!,
                parse.GetValue(schedule) is { } profile ? RateSchedule.Parse(profile) : null);
            if (settings.Visitors < 1 || settings.Watchers < 1 || settings.Rate < 1) throw new ArgumentException("need --visitors, --watchers and --rate ≥ 1");
            var result = await new SiteVisitorsRun(settings).RunAsync(cancellationToken);
            result.Print(Console.Out);
            if (parse.GetValue(summary) is { } path) await result.WriteJsonAsync(path);
            return result.Missed == 0 ? 0 : 1;
        });
        return command;
    }
}

internal sealed record SiteVisitorsSettings(
    Uri Url, int Visitors, int Watchers, int SampledWatchers, int Rate, TimeSpan Duration, TimeSpan Warmup, string AdminEmail, string AdminPassword,
    RateSchedule? Schedule = null)
{
    public OpenLoopPlan Plan => new(Rate, Warmup, Duration, Schedule);
}
