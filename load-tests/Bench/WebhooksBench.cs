using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Engagement.LoadTests.Api;
using Engagement.LoadTests.Cluster;
using Engagement.LoadTests.Conversations;

namespace Engagement.LoadTests.Bench;

/// <summary>
/// <c>bench webhooks</c>: the chat benchmark's open-loop run at <c>--rate</c> on one silo, four times in the same run —
/// with no webhook subscription (the anchor), with a subscription to message.created pointing at a receiver in this
/// process (<see cref="WebhookReceiver"/>, answering 200 at once), and with one pointing at a receiver that takes
/// <c>--slow-seconds</c> per request, and with none again (the anchor once more, which shows how much the shared machine
/// alone moved the figures) — reporting chat latency in each, deliveries per second at the receiver, the lag from
/// a message's store time to its arrival, and whether every message stored while subscribed arrived exactly once.
/// </summary>
internal static class WebhooksBench
{
    public static Command Create(BenchSetupOptions setupOptions)
    {
        var rate = new Option<double>("--rate") { Description = "Chat messages per second (open loop)", DefaultValueFactory = _ => 2000 };
        var slow = new Option<double>("--slow-seconds") { Description = "How long the slow receiver takes per request (0: no slow run)", DefaultValueFactory = _ => 2 };
        var settle = new Option<double>("--settle") { Description = "Most seconds to wait after the subscribed run for the last deliveries", DefaultValueFactory = _ => 120 };
        var command = new Command("webhooks", "Chat at --rate without, then with a webhook subscription to message.created (a local receiver), then with a slow receiver, then without again: chat latency side by side, deliveries/s, delivery lag, each once.")
        {
            rate, slow, settle,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parse, ct) =>
        {
            var setup = setupOptions.Read(parse);
            var port = BenchPorts.Chat(setup.EngagePort);
            var url = $"http://127.0.0.1:{port}/";
            MeasuringRun Chat(string label) => new(["chat", "--url", url, "--rate", parse.GetValue(rate).ToString(CultureInfo.InvariantCulture),
                .. parse.UnmatchedTokens, "--summary-file", setup.Out($"webhooks-{label}.json"), "--timeline", setup.Out($"webhooks-{label}.csv")]);
            Chat("anchor").Validated();
            BenchPorts.RequireFree("ENGAGE_BENCH_PORT", port);

            var database = new BenchDatabase(setup.Server, "engagement_bench_webhooks");
            await database.RecreateAsync(ct);
            await using var silos = new BenchSilos(setup, database);
            var silo = await silos.StartAsync($"bench-webhooks-{port}", port, "webhooks-silo.log", new Dictionary<string, string?>
            {
                ["Engagement__Webhooks__AllowPrivateTargets"] = "true",
            });
            string[] servers = ["--server-pid", silo.ProcessId.ToString(CultureInfo.InvariantCulture), (await database.ServerProcessIdAsync(ct)).ToString(CultureInfo.InvariantCulture)];
            using var admin = await StaffClient.SignInAsync(silo.BaseUrl, AdminOptions.DefaultEmail, AdminOptions.DefaultPassword, ct);

            async Task<(ChatFigures Chat, DateTimeOffset From, DateTimeOffset To)> RunChatAsync(string label)
            {
                BenchLog.Info($"webhooks: chat run '{label}' (load average {BenchPrint.LoadAverage()})");
                var run = Chat(label);
                var exit = await new MeasuringRun([.. run.Arguments, .. servers]).RunAsync(MeasuringRun.LightGenerator, ct);
                if (exit != 0) throw new InvalidOperationException($"chat run '{label}' failed");
                var window = ChatWindow.Read(await File.ReadAllTextAsync(setup.Out($"webhooks-{label}.csv"), ct))
                    ?? throw new InvalidOperationException($"chat run '{label}' has no measured window in its timeline");
                return (await ChatFigures.ReadAsync(setup.Out($"webhooks-{label}.json"), ct), window.From, window.To);
            }

            var rows = new List<string>();
            var load = BenchPrint.LoadAverage();
            var anchor = await RunChatAsync("anchor");
            rows.Add($"| no subscription (anchor) | {anchor.Chat.Row} | – | – | – | load {load} |");

            // Fast receiver: every message stored from now on is an event to deliver.
            await using (var receiver = await WebhookReceiver.StartAsync(FreePorts.One(), TimeSpan.Zero))
            {
                var since = DateTimeOffset.UtcNow;
                var id = await SubscribeAsync(admin, receiver.Url, ct);
                load = BenchPrint.LoadAverage();
                var run = await RunChatAsync("subscribed");
                var expected = await database.CountAsync($"SELECT count(*) FROM engagement.session_message WHERE at >= '{since:O}'", ct);
                var deadline = DateTime.UtcNow.AddSeconds(parse.GetValue(settle));
                while (receiver.Tally.Distinct < expected && DateTime.UtcNow < deadline) await Task.Delay(500, ct);
                var t = receiver.Tally;
                var during = t.ReceivedBetween(run.From, run.To) / (run.To - run.From).TotalSeconds;
                rows.Add($"| subscribed, receiver answers at once | {run.Chat.Row} | {BenchPrint.N(Math.Round(during))} in the chat window; {BenchPrint.N(Math.Round(t.MeanRate))} first → last, {BenchPrint.N(t.PeakSecond)} peak second |" +
                    $" {BenchPrint.Ms(t.Lag.PercentileMs(50))} / {BenchPrint.Ms(t.Lag.PercentileMs(99))} / {BenchPrint.Ms(t.Lag.MaxMs)} |" +
                    $" {BenchPrint.N(t.Distinct)} distinct of {BenchPrint.N(expected)} stored, {BenchPrint.N(t.Duplicates)} twice | load {load} |");
                Console.WriteLine($"webhooks: {BenchPrint.N(t.Received)} requests, {BenchPrint.N(t.Distinct)} distinct event ids, {BenchPrint.N(expected)} messages stored while subscribed " +
                    $"({(t.Distinct == expected && t.Duplicates == 0 ? "each delivered once" : "NOT each once")}); last arrival {(t.Last - run.To)?.TotalSeconds:F1} s after the chat window ended");
                await admin.CallAsync(HttpMethod.Delete, $"/api/webhooks/{id}", null, ct);
            }

            if (parse.GetValue(slow) > 0)
            {
                await using var receiver = await WebhookReceiver.StartAsync(FreePorts.One(), TimeSpan.FromSeconds(parse.GetValue(slow)));
                var id = await SubscribeAsync(admin, receiver.Url, ct);
                load = BenchPrint.LoadAverage();
                var run = await RunChatAsync("slow");
                var pending = await database.CountAsync("SELECT count(*) FROM engagement.webhook_delivery WHERE status = 0", ct);
                var during = receiver.Tally.ReceivedBetween(run.From, run.To) / (run.To - run.From).TotalSeconds;
                rows.Add($"| subscribed, receiver takes {parse.GetValue(slow)} s | {run.Chat.Row} | {BenchPrint.N(Math.Round(during, 1))} in the chat window |" +
                    $" {BenchPrint.Ms(receiver.Tally.Lag.PercentileMs(50))} / {BenchPrint.Ms(receiver.Tally.Lag.PercentileMs(99))} / {BenchPrint.Ms(receiver.Tally.Lag.MaxMs)} |" +
                    $" {BenchPrint.N(pending)} still pending at the end | load {load} |");
                // Its deliveries go with it, so the last anchor runs with no webhook work left.
                await admin.CallAsync(HttpMethod.Delete, $"/api/webhooks/{id}", null, ct);
            }

            // The anchor again: on a shared machine the two anchors show how far the machine alone moves the figures.
            load = BenchPrint.LoadAverage();
            var after = await RunChatAsync("anchor-after");
            rows.Add($"| no subscription again (anchor) | {after.Chat.Row} | – | – | – | load {load} |");

            Console.WriteLine($"chat at {parse.GetValue(rate)} msg/s, every run on the same silo:");
            Console.WriteLine("| run | chat delivery p50 / p99 / max ms | ack p99 ms | chat msg/s | cores ours / others | webhook deliveries/s | lag stored → received p50 / p99 / max ms | each once | machine |");
            Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
            foreach (var row in rows) Console.WriteLine(row);
            BenchLog.Info($"results (JSON) in {BenchSetup.Shown(Path.Combine(setup.Out(""), "webhooks-*.json"))}");
            return 0;
        });
        return command;
    }

    private static async Task<string> SubscribeAsync(StaffClient admin, string url, CancellationToken ct)
    {
        var created = await admin.CallAsync(HttpMethod.Post, "/api/webhooks", new { url, eventTypes = new[] { "message.created" }, description = "bench webhooks" }, ct);
        return created.GetProperty("subscription").GetProperty("id").GetString()!;
    }
}

/// <summary>The chat figures of one run's summary file, as the webhooks table shows them.</summary>
internal sealed record ChatFigures(double P50, double P99, double Max, double AckP99, double Delivered, double CoresOurs, double CoresOthers)
{
    public string Row => $"{BenchPrint.Ms(P50)} / {BenchPrint.Ms(P99)} / {BenchPrint.Ms(Max)} | {BenchPrint.Ms(AckP99)} | {BenchPrint.N(Math.Round(Delivered))} | {BenchPrint.Ms(CoresOurs)} / {BenchPrint.Ms(CoresOthers)}";

    public static async Task<ChatFigures> ReadAsync(string summary, CancellationToken ct)
    {
        await using var file = File.OpenRead(summary);
        using var json = await JsonDocument.ParseAsync(file, cancellationToken: ct);
        var r = json.RootElement;
        var delivery = r.GetProperty("delivery");
        var cpu = r.TryGetProperty("windowCpu", out var c) && c.ValueKind == JsonValueKind.Object ? c : default;
        double Cpu(string name) => cpu.ValueKind == JsonValueKind.Object && cpu.GetProperty(name).ValueKind == JsonValueKind.Number ? cpu.GetProperty(name).GetDouble() : double.NaN;
        return new ChatFigures(delivery.GetProperty("p50").GetDouble(), delivery.GetProperty("p99").GetDouble(), delivery.GetProperty("max").GetDouble(),
            r.GetProperty("ack").GetProperty("p99").GetDouble(), r.GetProperty("deliveredPerSecond").GetDouble(), Cpu("ours"), Cpu("others"));
    }
}
