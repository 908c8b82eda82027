// Transcript store benchmark: open-loop appends from many sessions against real PostgreSQL.
// A .NET file-based app (excluded from the grains project build); run it through
//   ./engage bench transcript [--rate 5000] [--sessions 500] [--seconds 20] [--method unnest|copy] [--fence on|off]
// Each session appends in order and awaits each commit, as a session grain does; appends are
// scheduled at a fixed rate and latency is measured from the scheduled time, so a stalled store
// shows up as latency rather than as fewer requests (no coordinated omission). --rate 0 runs
// closed-loop (every session appends back to back) to find the ceiling. Writes are fenced by a live membership
// row, as in a silo (MembershipFence); --fence off measures the store without it.
#:project ../../Engagement.Grains.csproj
#:package HdrHistogram
#:property TreatWarningsAsErrors=false
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Engagement;
using Engagement.Storage;
using HdrHistogram;
using Npgsql;

var opts = args.Select((a, i) => (a, i)).Where(x => x.a.StartsWith("--")).ToDictionary(x => x.a[2..], x => args.ElementAtOrDefault(x.i + 1) ?? "");
int Opt(string name, int fallback) => opts.TryGetValue(name, out var v) ? int.Parse(v) : fallback;
var rate = Opt("rate", 5000);
var sessions = Opt("sessions", 500);
var seconds = Opt("seconds", 20);
var warmup = Opt("warmup", 3);
var method = opts.TryGetValue("method", out var m) && m == "copy" ? TranscriptWriteMethod.Copy : TranscriptWriteMethod.Unnest;
var fenced = !(opts.TryGetValue("fence", out var f) && f == "off");
var server = Environment.GetEnvironmentVariable("ENGAGE_TEST_PG") ?? throw new InvalidOperationException("Set ENGAGE_TEST_PG (./engage bench sets it).");

var database = $"bench_transcript_{DateTime.UtcNow:yyyyMMddHHmmss}";
await Admin($"CREATE DATABASE {database}");
var cs = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
try
{
    await new SchemaMigrator(cs).MigrateAsync();
    var options = new TranscriptStoreOptions { WriteMethod = method, MaxBatchSize = Opt("batch", 1000), MaxFlushesInFlight = Opt("flushes", 3) };
    MembershipFence? fence = null;
    if (fenced)
    {
        // The row a silo's clustering provider would have written for itself, Active.
        fence = new MembershipFence("bench", "127.0.0.1", 11111, 1);
        await Execute(cs, "INSERT INTO orleans.cluster_version (cluster_id) VALUES ('bench')");
        await Execute(cs, "INSERT INTO orleans.cluster_silo (cluster_id, address, port, generation, silo_name, host_name, status, start_time, i_am_alive_time) " +
            "VALUES ('bench', '127.0.0.1', 11111, 1, 'bench', 'localhost', 3, now(), now())");
    }
    await using var store = new PostgresTranscriptStore(cs, options, fence: fence);

    long batches = 0, batchedMessages = 0;
    using var listener = new MeterListener();
    listener.InstrumentPublished = (i, l) => { if (i.Meter.Name == "Engagement.Transcript" && i.Name == "engagement.transcript.batch_size") l.EnableMeasurementEvents(i); };
    listener.SetMeasurementEventCallback<int>((_, size, _, _) => { Interlocked.Increment(ref batches); Interlocked.Add(ref batchedMessages, size); });
    listener.Start();

    var latency = new LongHistogram(TimeStamp.Seconds(60), 3);
    var clock = Stopwatch.StartNew();
    var measureFrom = TimeSpan.FromSeconds(warmup);
    var stopAt = TimeSpan.FromSeconds(warmup + seconds);
    long completed = 0, failed = 0, batchesAtStart = 0, batchedAtStart = 0;
    _ = Task.Delay(measureFrom).ContinueWith(_ => { batchesAtStart = Interlocked.Read(ref batches); batchedAtStart = Interlocked.Read(ref batchedMessages); });

    var interval = rate > 0 ? TimeSpan.FromSeconds((double)sessions / rate) : TimeSpan.Zero;
    await Task.WhenAll(Enumerable.Range(0, sessions).Select(s => Task.Run(async () =>
    {
        var session = $"sess:bench-{s}";
        var next = interval * Random.Shared.NextDouble();
        for (long seq = 1; ; seq++)
        {
            if (interval > TimeSpan.Zero)
            {
                // Task.Delay rounds to milliseconds: wait until the scheduled time has really come.
                while (next - clock.Elapsed is var wait && wait > TimeSpan.Zero)
                    await Task.Delay(wait < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : wait);
            }
            var scheduled = interval > TimeSpan.Zero ? next : clock.Elapsed;
            if (scheduled >= stopAt) return;
            try
            {
                await store.AppendAsync(new ChatMessage(session, seq, MessageKind.Text, "visitor:bench", ParticipantRole.Visitor,
                    "Bench Visitor", "Hello, I would like to know more about my order, it has not arrived yet.", DateTimeOffset.UtcNow, $"c-{seq}"));
                if (scheduled >= measureFrom)
                {
                    Interlocked.Increment(ref completed);
                    var micros = Math.Max(1, (clock.Elapsed - scheduled).Ticks / 10);
                    lock (latency) latency.RecordValue(micros);
                }
            }
            catch (Exception e)
            {
                if (Interlocked.Increment(ref failed) == 1) Console.Error.WriteLine($"first failure: {e}");
            }
            next += interval;
        }
    })));

    var b = Interlocked.Read(ref batches) - batchesAtStart;
    var n = Interlocked.Read(ref batchedMessages) - batchedAtStart;
    double P(double p) => latency.GetValueAtPercentile(p) / 1000.0;
    Console.WriteLine($"transcript bench: method={method} fence={(fenced ? "on" : "off")} offered={(rate > 0 ? rate + "/s" : "closed-loop")} sessions={sessions} measured={seconds}s (after {warmup}s warm-up)");
    Console.WriteLine($"  appends/s   {completed / (double)seconds,10:F0}   (completed {completed}, failed {failed})");
    Console.WriteLine($"  latency ms  p50 {P(50):F2}  p90 {P(90):F2}  p99 {P(99):F2}  p99.9 {P(99.9):F2}  max {latency.GetMaxValue() / 1000.0:F2}");
    Console.WriteLine($"  batches/s   {b / (double)seconds,10:F0}   (mean batch {(b > 0 ? n / (double)b : 0):F1} messages)");
}
finally
{
    NpgsqlConnection.ClearAllPools();
    await Admin($"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
}

Task Admin(string sql) => Execute(server, sql);

static async Task Execute(string connectionString, string sql)
{
    await using var connection = new NpgsqlConnection(connectionString);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand(sql, connection);
    await command.ExecuteNonQueryAsync();
}
