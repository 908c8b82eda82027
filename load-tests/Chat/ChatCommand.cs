using System.CommandLine;
using Engagement.LoadTests.Api;
using Engagement.LoadTests.Measurement;
using Engagement.LoadTests.Reporting;

namespace Engagement.LoadTests.Chat;

/// <summary>
/// `chat --url ... --conversations C --rate R`: drives the real product — C visitors each in a session with one
/// of K agents; visitors send at an aggregate rate, agents measure visitor → agent delivery. See
/// <see cref="ChatRun"/> for the steps.
/// </summary>
internal static class ChatCommand
{
    public static Command Create()
    {
        var url = new Option<string>("--url") { Description = "Silo base URL", DefaultValueFactory = _ => "http://127.0.0.1:5080/" };
        var conversations = new Option<int>("--conversations") { Description = "Concurrent conversations (visitor + agent sessions)", DefaultValueFactory = _ => 500 };
        var agents = new Option<int?>("--agents") { Description = "Agents (default: conversations / capacity, rounded up)" };
        var capacity = new Option<int>("--capacity") { Description = "Concurrent sessions per agent (1..50)", DefaultValueFactory = _ => 50 };
        var admin = new AdminOptions();
        var setupTimeout = new Option<double>("--setup-timeout") { Description = "Seconds allowed for every conversation to be accepted", DefaultValueFactory = _ => 180 };
        var load = new LoadOptions();
        var command = new Command("chat", "Load the product's chat path: hub → session grain → durable store → the agent's connection.")
        {
            url, conversations, agents, capacity, setupTimeout,
        };
        load.AddTo(command);
        admin.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            // Each generator sets up its own conversations and the agents they need (--agents is not split).
            if (load.FanOut(parse, "chat", new Dictionary<string, int> { ["--conversations"] = parse.GetValue(conversations) }, ["--agents"], cancellationToken) is { } generators)
                return await generators;
            var c = parse.GetValue(conversations);
            var x = parse.GetValue(capacity);
            var k = parse.GetValue(agents) ?? (c + x - 1) / Math.Max(1, x);
            if (c < 1 || x is < 1 or > 50 || k < 1 || (long)k * x < c)
                throw new ArgumentException($"need --conversations ≥ 1, --capacity 1..50 and agents × capacity ≥ conversations (got {k} × {x} < {c})");
            var settings = new ChatSettings(new Uri(parse.GetValue(url)!), c, k, x, parse.GetValue(admin.Email)!, parse.GetValue(admin.Password)!,
                TimeSpan.FromSeconds(parse.GetValue(setupTimeout)));
            var echo = LoadOptions.Echo([.. parse.Tokens.Select(t => t.Value)], "--admin-password");
            var result = await new ChatRun(settings, load.Profile(parse), echo).RunAsync(cancellationToken);
            ResultReport.Print(result, Console.Out);
            if (parse.GetValue(load.SummaryFile) is { } path) await ResultReport.WriteSummaryAsync(result, path);
            return 0;
        });
        return command;
    }
}

internal sealed record ChatSettings(
    Uri Url, int Conversations, int Agents, int Capacity, string AdminEmail, string AdminPassword, TimeSpan SetupTimeout);
