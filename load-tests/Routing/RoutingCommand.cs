using System.CommandLine;
using Engagement.LoadTests.Api;

namespace Engagement.LoadTests.Routing;

/// <summary>
/// `routing --url U`: agents with skills and levels on five queues (some with routing policies), visitors arriving at a
/// rate until all sessions have started, agents accepting every offer and closing each session after a handle time.
/// Reports assignments per second and the offer latency from an agent freeing up. See <see cref="RoutingRun"/>.
/// </summary>
internal static class RoutingCommand
{
    public static Command Create()
    {
        var url = new Option<string>("--url") { Description = "Silo base URL", DefaultValueFactory = _ => "http://127.0.0.1:5080/" };
        var agents = new Option<int>("--agents") { Description = "Agents, each on the agent hub", DefaultValueFactory = _ => 1000 };
        var capacity = new Option<int>("--capacity") { Description = "Sessions per agent at once (1..50)", DefaultValueFactory = _ => 3 };
        var sessions = new Option<int>("--sessions") { Description = "Sessions the visitors start in all", DefaultValueFactory = _ => 5000 };
        var rate = new Option<double>("--arrival-rate") { Description = "StartSession calls per second (open loop)", DefaultValueFactory = _ => 200 };
        var visitorConnections = new Option<int?>("--visitor-connections") { Description = "Visitor hub connections (one visitor each) the sessions are started over, round-robin (default: one per session)" };
        var availableAfter = new Option<int?>("--available-after") { Description = "Sessions started before the agents go available (default: all of them, a backlog; 0: available from the start)" };
        var handle = new Option<string>("--handle") { Description = "Handle time range in seconds, MIN-MAX: an accepted session is closed after a random time in it", DefaultValueFactory = _ => "1-3" };
        var timeout = new Option<int>("--timeout") { Description = "Seconds to wait, after the arrivals, for every session to be accepted and closed", DefaultValueFactory = _ => 120 };
        var seed = new Option<int>("--seed") { Description = "Seed of the agents' skills and levels", DefaultValueFactory = _ => 12 };
        var serverPids = new Option<int[]>("--server-pid") { Description = "Server process ids (children included) whose CPU is reported as the benchmark's own", AllowMultipleArgumentsPerToken = true, DefaultValueFactory = _ => [] };
        var summaryFile = new Option<string?>("--summary-file") { Description = "Write the figures as JSON here" };
        var admin = new AdminOptions();
        var command = new Command("routing", "Assignments per second and offer latency with agents freeing up under a backlog of waiting visitors.")
        {
            url, agents, capacity, sessions, rate, visitorConnections, availableAfter, handle, timeout, seed, serverPids, summaryFile,
        };
        admin.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var count = parse.GetValue(sessions);
            var (handleMin, handleMax) = RoutingSettings.ParseHandle(parse.GetValue(handle)!);
            var settings = new RoutingSettings(new Uri(parse.GetValue(url)!), parse.GetValue(agents), parse.GetValue(capacity), count, parse.GetValue(rate),
                parse.GetValue(visitorConnections) ?? count, parse.GetValue(availableAfter) ?? count, handleMin, handleMax,
                TimeSpan.FromSeconds(parse.GetValue(timeout)), parse.GetValue(seed), parse.GetValue(admin.Email)!, parse.GetValue(admin.Password)!,
                parse.GetValue(serverPids) ?? []);
            settings.Validate();
            var result = await new RoutingRun(settings).RunAsync(ct);
            result.Print(Console.Out);
            Console.WriteLine(result.MarkdownRow(Environment.GetEnvironmentVariable("ENGAGE_BENCH_COMMAND") ?? "routing " + string.Join(' ', parse.Tokens.Select(t => t.Value))));
            if (parse.GetValue(summaryFile) is { } path) await result.WriteJsonAsync(path);
            return result.Errors == 0 ? 0 : 1;
        });
        return command;
    }
}

/// <summary>A routing run's settings, checked before anything connects.</summary>
internal sealed record RoutingSettings(
    Uri Url, int Agents, int Capacity, int Sessions, double ArrivalRate, int VisitorConnections, int AvailableAfter,
    TimeSpan HandleMin, TimeSpan HandleMax, TimeSpan Timeout, int Seed, string AdminEmail, string AdminPassword, int[] ServerPids)
{
    /// <summary>"MIN-MAX" seconds (decimals allowed), MIN ≤ MAX, both ≥ 0.</summary>
    public static (TimeSpan Min, TimeSpan Max) ParseHandle(string text)
    {
        var parts = text.Split('-');
        if (parts.Length == 2 && double.TryParse(parts[0], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var min)
            && double.TryParse(parts[1], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var max)
            && min >= 0 && max >= min)
            return (TimeSpan.FromSeconds(min), TimeSpan.FromSeconds(max));
        throw new ArgumentException($"--handle is MIN-MAX seconds with MIN ≤ MAX, e.g. 1-3 (got '{text}')");
    }

    public void Validate()
    {
        if (Agents < 1 || Capacity is < 1 or > 50 || Sessions < 1 || ArrivalRate <= 0 || VisitorConnections < 1 || AvailableAfter < 0 || AvailableAfter > Sessions)
            throw new ArgumentException("need --agents ≥ 1, --capacity 1..50, --sessions ≥ 1, --arrival-rate > 0, --visitor-connections ≥ 1, --available-after 0..sessions");
    }
}
