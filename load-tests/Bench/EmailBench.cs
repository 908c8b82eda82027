using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using Engagement.LoadTests.Api;
using Engagement.LoadTests.Cluster;
using Engagement.LoadTests.Conversations;
using Engagement.LoadTests.Measurement;
using Npgsql;

namespace Engagement.LoadTests.Bench;

/// <summary>
/// <c>bench email</c>: inbound mail on one silo with the email channel on (its outbound relay, and the anchor, is
/// aiosmtpd, which ./engage installs). N mails to a queue's address over SMTP (<see cref="SmtpLoad"/>): how fast the
/// listener accepts them (250s), how fast they are handled (every row of engagement.email_inbound has a disposition),
/// and sent → conversation created per mail. The anchor: the same client sending the same number of mails to aiosmtpd
/// directly, in the same run.
/// </summary>
internal static class EmailBench
{
    private const string Domain = "bench.local";
    private const string Queue = "mail-bench";

    public static Command Create(BenchSetupOptions setupOptions)
    {
        var mails = new Option<int>("--mails") { Description = "Mails to send", DefaultValueFactory = _ => 5000 };
        var connections = new Option<int>("--connections") { Description = "SMTP connections sending at once", DefaultValueFactory = _ => 16 };
        var settle = new Option<double>("--settle") { Description = "Most seconds to wait for every mail to be handled", DefaultValueFactory = _ => 600 };
        var command = new Command("email", "N mails over SMTP to the silo's listener (accepted/s, handled/s, sent → conversation), against aiosmtpd taking the same mails.")
        {
            mails, connections, settle,
        };
        command.SetAction(async (parse, ct) =>
        {
            var setup = setupOptions.Read(parse);
            var port = BenchPorts.Chat(setup.EngagePort);
            BenchPorts.RequireFree("ENGAGE_BENCH_PORT", port);
            var (catcherPort, smtpPort) = (FreePorts.One(), FreePorts.One());
            var maildir = setup.Out("email-maildir");
            if (Directory.Exists(maildir)) Directory.Delete(maildir, true);
            await using var catcher = await ChildProcess.StartAsync("aiosmtpd", "/usr/bin/python3",
                ["-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{catcherPort}", "-c", "aiosmtpd.handlers.Mailbox", maildir],
                new Dictionary<string, string?>(), setup.Out("email-aiosmtpd.log"));
            await WaitForPortAsync(catcherPort, catcher, ct);

            var database = new BenchDatabase(setup.Server, "engagement_bench_email");
            await database.RecreateAsync(ct);
            await using var silos = new BenchSilos(setup, database);
            var silo = await silos.StartAsync($"bench-email-{port}", port, "email-silo.log", new Dictionary<string, string?>
            {
                ["Engagement__Email__Enabled"] = "true",
                ["Engagement__Email__Domain"] = Domain,
                ["Engagement__Email__Smtp__Host"] = "127.0.0.1",
                ["Engagement__Email__Smtp__Port"] = catcherPort.ToString(CultureInfo.InvariantCulture),
                ["Engagement__Email__Smtp__Security"] = "None",
                ["Engagement__Email__Inbound__Port"] = smtpPort.ToString(CultureInfo.InvariantCulture),
                ["Engagement__Email__Inbound__AcceptedDomains__0"] = Domain,
            });
            int[] servers = [silo.ProcessId, await database.ServerProcessIdAsync(ct)];
            using (var admin = await StaffClient.SignInAsync(silo.BaseUrl, AdminOptions.DefaultEmail, AdminOptions.DefaultPassword, ct))
                await admin.CallAsync(HttpMethod.Post, "/api/queues", new NewQueue(Queue, "Mail bench"), ct, HttpStatusCode.Conflict);

            var n = parse.GetValue(mails);
            var c = parse.GetValue(connections);
            var load = BenchPrint.LoadAverage();
            BenchLog.Info($"email: anchor, {n:N0} mails to aiosmtpd on {c} connections");
            var cpu = CpuSnapshot.Take([catcher.Id]);
            var anchor = await new SmtpLoad("127.0.0.1", catcherPort, c).SendAsync("anchor", n, $"someone@{Domain}", ct);
            var anchorCpu = CpuSnapshot.Between(cpu, CpuSnapshot.Take([catcher.Id]));
            var anchorLoad = BenchPrint.LoadAverage();

            BenchLog.Info($"email: {n:N0} mails to the silo's listener ({Queue}@{Domain}) on {c} connections");
            var run = "m" + DateTime.UtcNow.ToString("HHmmss", CultureInfo.InvariantCulture);
            cpu = CpuSnapshot.Take(servers);
            var clock = Stopwatch.StartNew();
            var product = await new SmtpLoad("127.0.0.1", smtpPort, c).SendAsync(run, n, $"{Queue}@{Domain}", ct);
            var deadline = clock.Elapsed + TimeSpan.FromSeconds(parse.GetValue(settle));
            long pending;
            while ((pending = await database.CountAsync("SELECT count(*) FROM engagement.email_inbound WHERE disposition = 0", ct)) > 0 && clock.Elapsed < deadline)
                await Task.Delay(200, ct);
            var handledSeconds = clock.Elapsed.TotalSeconds;
            var productCpu = CpuSnapshot.Between(cpu, CpuSnapshot.Take(servers));
            var productLoad = BenchPrint.LoadAverage();

            var created = await CreatedAtAsync(database.ConnectionString, run, ct);
            var endToEnd = new LatencyHistogram();
            foreach (var mail in product.Mails)
                if (created.TryGetValue(mail.Subject, out var at)) endToEnd.Record((long)((at - mail.SentAt).TotalMilliseconds * Stopwatch.Frequency / 1000));
            var dispositions = await DispositionsAsync(database.ConnectionString, ct);

            Console.WriteLine($"email: {n:N0} mails on {c} SMTP connections; dispositions {dispositions}; {BenchPrint.N(created.Count)} conversations from them");
            Console.WriteLine("| target | accepted mails/s | send → 250 p50 / p95 / p99 / max ms | refused | handled mails/s | sent → conversation p50 / p99 / max ms | cores ours / others | load before → after |");
            Console.WriteLine("|---|---|---|---|---|---|---|---|");
            Console.WriteLine($"| aiosmtpd (anchor) | {BenchPrint.N(Math.Round(anchor.AcceptedPerSecond))} | {BenchPrint.Percentiles(anchor.Accept)} | {anchor.Refused} | – | – | {BenchPrint.Cores(anchorCpu)} | {load} → {anchorLoad} |");
            Console.WriteLine($"| silo listener | {BenchPrint.N(Math.Round(product.AcceptedPerSecond))} | {BenchPrint.Percentiles(product.Accept)} | {product.Refused} |" +
                $" {(pending == 0 ? BenchPrint.N(Math.Round(n / handledSeconds)) : $"{pending} still pending after {parse.GetValue(settle)} s")} |" +
                $" {BenchPrint.Ms(endToEnd.PercentileMs(50))} / {BenchPrint.Ms(endToEnd.PercentileMs(99))} / {BenchPrint.Ms(endToEnd.MaxMs)} | {BenchPrint.Cores(productCpu)} | {anchorLoad} → {productLoad} |");
            await BenchPrint.WriteJsonAsync(setup.Out("email.json"), new
            {
                mails = n, connections = c, dispositions, conversations = created.Count,
                anchor = new { acceptedPerSecond = anchor.AcceptedPerSecond, accept = BenchPrint.Figures(anchor.Accept), anchor.Refused, cpu = anchorCpu, load, anchorLoad },
                silo = new { acceptedPerSecond = product.AcceptedPerSecond, accept = BenchPrint.Figures(product.Accept), product.Refused, handledSeconds, pending,
                    endToEnd = BenchPrint.Figures(endToEnd), cpu = productCpu, productLoad },
            });
            BenchLog.Info($"results (JSON) in {BenchSetup.Shown(setup.Out("email.json"))}");
            return pending == 0 ? 0 : 1;
        });
        return command;
    }

    private static async Task WaitForPortAsync(int port, ChildProcess process, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!BenchPorts.InUse(port))
        {
            if (process.HasExited || DateTime.UtcNow > deadline) throw new InvalidOperationException($"aiosmtpd did not start:\n{process.LogTail(20)}");
            await Task.Delay(200, ct);
        }
    }

    /// <summary>When the conversation of each mail of this run was created, by subject.</summary>
    private static async Task<Dictionary<string, DateTimeOffset>> CreatedAtAsync(string connectionString, string run, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var query = new NpgsqlCommand("SELECT subject, created_at FROM engagement.conversation WHERE subject LIKE $1", connection);
        query.Parameters.Add(new NpgsqlParameter<string> { TypedValue = SmtpLoad.Subject(run, 0)[..^1] + "%" });
        await using var reader = await query.ExecuteReaderAsync(ct);
        var created = new Dictionary<string, DateTimeOffset>();
        while (await reader.ReadAsync(ct)) created[reader.GetString(0)] = reader.GetFieldValue<DateTimeOffset>(1);
        return created;
    }

    /// <summary>How many stored mails have each disposition and result, e.g. "handled/StartedConversation 5000".</summary>
    private static async Task<string> DispositionsAsync(string connectionString, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var query = new NpgsqlCommand("SELECT disposition, coalesce(result, '-'), count(*) FROM engagement.email_inbound GROUP BY 1, 2 ORDER BY 1, 2", connection);
        await using var reader = await query.ExecuteReaderAsync(ct);
        var parts = new List<string>();
        while (await reader.ReadAsync(ct)) parts.Add($"{reader.GetInt16(0)}/{reader.GetString(1)} {reader.GetInt64(2)}");
        return string.Join(", ", parts);
    }
}
