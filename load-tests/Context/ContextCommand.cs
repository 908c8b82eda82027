using System.CommandLine;
using Engagement.LoadTests.Api;
using Engagement.LoadTests.Measurement;

namespace Engagement.LoadTests.Context;

/// <summary>
/// `context --url ... --api-key K --sessions N --rate R`: the time from a device signal posted over HTTP to
/// the agent's screen. N visitors each in a session accepted by one of the agents; device readings are posted
/// to the ingestion endpoint at R per second in total (round-robin over the customers), and every agent
/// connection timestamps the `customerContext` event that carries each reading. See <see cref="ContextRun"/>.
/// </summary>
internal static class ContextCommand
{
    public static Command Create()
    {
        var url = new Option<string>("--url") { Description = "Silo base URL", DefaultValueFactory = _ => "http://127.0.0.1:5080/" };
        var apiKey = new Option<string>("--api-key") { Description = "An ingestion API key the silo accepts (Engagement:Ingestion:ApiKeys)", Required = true };
        var sessions = new Option<int>("--sessions") { Description = "Concurrent live sessions (visitor + agent)", DefaultValueFactory = _ => 200 };
        var capacity = new Option<int>("--capacity") { Description = "Sessions per agent (1..50)", DefaultValueFactory = _ => 50 };
        var rate = new Option<int>("--rate") { Description = "Device signals posted per second, in total", DefaultValueFactory = _ => 200 };
        var duration = new Option<int>("--duration") { Description = "Measured seconds", DefaultValueFactory = _ => 30 };
        var warmup = new Option<int>("--warmup") { Description = "Seconds of load before measuring", DefaultValueFactory = _ => 5 };
        var concurrency = new Option<int>("--http-connections") { Description = "HTTP connections posting signals", DefaultValueFactory = _ => 32 };
        var admin = new AdminOptions();
        var summary = new Option<string?>("--summary-file") { Description = "Write the figures as JSON here" };
        var schedule = new Option<string?>("--schedule") { Description = "A rate profile for the window instead of --rate, e.g. ramp:50-400:20,steady:400:30,spike:1000:5 (the warm-up runs at its first rate)" };
        var command = new Command("context", "Device signal posted over HTTP → customerContext on the agent's connection (median, p99).")
        {
            url, apiKey, sessions, capacity, rate, duration, warmup, concurrency, summary, schedule,
        };
        admin.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var settings = new ContextSettings(
                new Uri(parse.GetValue(url)!), parse.GetValue(apiKey)!, parse.GetValue(sessions), parse.GetValue(capacity),
                parse.GetValue(rate), TimeSpan.FromSeconds(parse.GetValue(duration)), TimeSpan.FromSeconds(parse.GetValue(warmup)),
                parse.GetValue(concurrency), parse.GetValue(admin.Email)!, parse.GetValue(admin.Password)!,
                parse.GetValue(schedule) is { } profile ? RateSchedule.Parse(profile) : null);
            if (settings.Sessions < 1 || settings.Capacity is < 1 or > 50 || settings.Rate < 1 || settings.HttpConnections < 1)
                throw new ArgumentException("need --sessions ≥ 1, --capacity 1..50, --rate ≥ 1, --http-connections ≥ 1");
            var result = await new ContextRun(settings).RunAsync(cancellationToken);
            result.Print(Console.Out);
            if (parse.GetValue(summary) is { } path) await result.WriteJsonAsync(path);
            return result.Lost == 0 ? 0 : 1;
        });
        return command;
    }
}

internal sealed record ContextSettings(
    Uri Url, string ApiKey, int Sessions, int Capacity, int Rate, TimeSpan Duration, TimeSpan Warmup, int HttpConnections,
    string AdminEmail, string AdminPassword, RateSchedule? Schedule = null)
{
    public int Agents => (Sessions + Capacity - 1) / Capacity;

    public OpenLoopPlan Plan => new(Rate, Warmup, Duration, Schedule);
}
