using System.CommandLine;
using Engagement.LoadTests.Api;

namespace Engagement.LoadTests.Failover;

/// <summary>
/// `failover --pg ... --silo-dll ...`: the failover benchmark (<see cref="FailoverRun"/>). <c>./engage bench failover</c>
/// prepares the database and the Release silo and passes them in.
/// </summary>
internal static class FailoverCommand
{
    public static Command Create()
    {
        var pg = new Option<string>("--pg") { Description = "Connection string of the (fresh) database the silos share", Required = true };
        var siloDll = new Option<string>("--silo-dll") { Description = "The published Engagement.Silo.dll", Required = true };
        var haproxy = new Option<string>("--haproxy-config") { Description = "HAProxy base configuration (deploy/haproxy/engagement.cfg)", Required = true };
        var logs = new Option<string>("--logs") { Description = "Folder for the silos' and HAProxy's logs", Required = true };
        var silos = new Option<int>("--silos") { Description = "Silo processes", DefaultValueFactory = _ => 3 };
        var conversations = new Option<int>("--conversations") { Description = "Concurrent conversations", DefaultValueFactory = _ => 200 };
        var agents = new Option<int>("--agents") { Description = "Agents", DefaultValueFactory = _ => 20 };
        var rate = new Option<int>("--rate") { Description = "Messages per second, all visitors together", DefaultValueFactory = _ => 2000 };
        var kills = new Option<int>("--kills") { Description = "kill -9 of a random silo at a random moment, this many times", DefaultValueFactory = _ => 3 };
        var pgRestart = new Option<bool>("--pg-restart") { Description = "Also restart PostgreSQL once, between kills" };
        var warmup = new Option<double>("--warmup") { Description = "Seconds of traffic before the first kill", DefaultValueFactory = _ => 20 };
        var gap = new Option<double>("--gap") { Description = "Kills come every gap..2×gap seconds", DefaultValueFactory = _ => 12 };
        var seed = new Option<int?>("--seed") { Description = "Random seed (which silo, when)" };
        var admin = new AdminOptions();
        var summary = new Option<string?>("--summary-file") { Description = "Write the results as JSON here" };
        var command = new Command("failover", "Kill silos under chat load and measure detection, recovery, loss, order and duplicates.")
        {
            pg, siloDll, haproxy, logs, silos, conversations, agents, rate, kills, pgRestart, warmup, gap, seed, summary,
        };
        admin.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var c = parse.GetValue(conversations);
            var k = parse.GetValue(agents);
            var traffic = new FailoverTrafficOptions([], parse.GetValue(admin.Email)!, parse.GetValue(admin.Password)!, c, k, Math.Clamp((c + k - 1) / k + 2, 1, 50), parse.GetValue(rate));
            var settings = new FailoverSettings(parse.GetValue(silos), parse.GetValue(kills), traffic, parse.GetValue(pg)!, parse.GetValue(siloDll)!,
                parse.GetValue(haproxy)!, parse.GetValue(logs)!, new Dictionary<string, string?> { ["ASPNETCORE_FORWARDEDHEADERS_ENABLED"] = "true" })
            {
                PostgresRestart = parse.GetValue(pgRestart),
                Warmup = TimeSpan.FromSeconds(parse.GetValue(warmup)),
                MinGap = TimeSpan.FromSeconds(parse.GetValue(gap)),
                MaxGap = TimeSpan.FromSeconds(2 * parse.GetValue(gap)),
                Seed = parse.GetValue(seed) ?? Environment.TickCount,
            };
            var report = await new FailoverRun(settings).RunAsync(cancellationToken);
            report.Print(Console.Out);
            if (parse.GetValue(summary) is { } path) await report.WriteAsync(path);
            return report.Result is { Lost: 0, Missed: 0, OutOfOrder: 0, Duplicates: 0 } ? 0 : 3;
        });
        return command;
    }
}
