using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Engagement.LoadTests.Api;
using Engagement.LoadTests.Measurement;
using Microsoft.AspNetCore.SignalR.Client;

namespace Engagement.LoadTests.Context;

/// <summary>
/// One site-visitors run: watchers connect and watch, visitors connect (arrivals are not measured), then
/// visitors move to pages named by a sequence number ("/bench/&lt;seq&gt;") at the target rate. A sampled watcher
/// times each measured page change from the TrackPageView call to the batch that carries it; every watcher
/// counts batches and their payload size. A change a sampled watcher never saw is missed.
/// </summary>
internal sealed class SiteVisitorsRun(SiteVisitorsSettings settings)
{
    private readonly ConcurrentDictionary<long, (long SentAt, bool Measured)> _sent = new();
    private readonly LatencyHistogram _changeToWatcher = new();
    private readonly LatencyHistogram _callReply = new();
    private readonly ConcurrentDictionary<(int Watcher, long Seq), byte> _seen = new();
    private long _batches, _entries, _payloadBytes, _measuring;

    public async Task<SiteVisitorsResult> RunAsync(CancellationToken ct)
    {
        using var api = new EngagementApi(settings.Url);
        var connections = new ConcurrentBag<HubConnection>();
        try
        {
            await ConnectWatchersAsync(api, connections, ct);
            var visitors = await ConnectVisitorsAsync(api, connections, ct);
            return await LoadAsync(visitors, ct);
        }
        finally
        {
            await Task.WhenAll(connections.Select(c => c.DisposeAsync().AsTask()));
        }
    }

    private async Task ConnectWatchersAsync(EngagementApi api, ConcurrentBag<HubConnection> connections, CancellationToken ct)
    {
        var admin = await api.LoginAsync(settings.AdminEmail, settings.AdminPassword, ct);
        await Parallel.ForEachAsync(Enumerable.Range(0, settings.Watchers), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = ct }, async (i, token) =>
        {
            var watcher = api.Hub("agent", admin); // staff may connect many times; each connection watches
            var sampled = i < settings.SampledWatchers;
            watcher.On<JsonElement>("siteVisitor", batch => OnBatch(i, sampled, batch));
            await watcher.StartAsync(token);
            await watcher.InvokeAsync<JsonElement>("WatchSiteVisitors", token);
            connections.Add(watcher);
        });
        Console.Error.WriteLine($"site-visitors: {settings.Watchers} watchers connected");
    }

    private async Task<HubConnection[]> ConnectVisitorsAsync(EngagementApi api, ConcurrentBag<HubConnection> connections, CancellationToken ct)
    {
        var visitors = new ConcurrentBag<HubConnection>();
        await Parallel.ForEachAsync(Enumerable.Range(0, settings.Visitors), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = ct }, async (_, token) =>
        {
            var (_, visitorToken) = await api.CreateVisitorAsync(token);
            var visitor = api.Hub("visitor", visitorToken, "?page=%2Fhome");
            await visitor.StartAsync(token);
            connections.Add(visitor);
            visitors.Add(visitor);
        });
        Console.Error.WriteLine($"site-visitors: {settings.Visitors} visitors on the site");
        await Task.Delay(TimeSpan.FromSeconds(2), ct); // let the arrivals' batches pass
        return [.. visitors];
    }

    private async Task<SiteVisitorsResult> LoadAsync(HubConnection[] visitors, CancellationToken ct)
    {
        var plan = settings.Plan;
        var (warmupCount, total) = (plan.WarmupCount, plan.Total);
        var calls = new List<Task>();
        var clock = Stopwatch.StartNew();
        long start = 0;
        (long Batches, long Entries, long Bytes) atStart = default;
        for (long seq = 0; seq < total; seq++)
        {
            var wait = plan.DueAt(seq) - clock.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(1)) await Task.Delay(wait, ct);
            if (seq == warmupCount)
            {
                start = Stopwatch.GetTimestamp();
                atStart = (Interlocked.Read(ref _batches), Interlocked.Read(ref _entries), Interlocked.Read(ref _payloadBytes));
                Interlocked.Exchange(ref _measuring, 1);
            }
            _sent[seq] = (Stopwatch.GetTimestamp(), seq >= warmupCount);
            calls.Add(TrackAsync(visitors[seq % visitors.Length], seq, seq >= warmupCount, ct));
            if (calls.Count >= 4096) calls.RemoveAll(t => t.IsCompleted);
        }
        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        await Task.WhenAll(calls);
        await Task.Delay(TimeSpan.FromSeconds(2), ct); // the last batches
        var measured = total - warmupCount;
        var expected = measured * settings.SampledWatchers;
        var batches = Interlocked.Read(ref _batches) - atStart.Batches;
        return new SiteVisitorsResult(settings.Visitors, settings.Watchers, settings.SampledWatchers, settings.Rate, measured / seconds, seconds,
            Environment.ProcessorCount, measured, _changeToWatcher.Count, expected - _changeToWatcher.Count,
            batches / seconds / settings.Watchers, (double)(Interlocked.Read(ref _entries) - atStart.Entries) / Math.Max(1, batches),
            (double)(Interlocked.Read(ref _payloadBytes) - atStart.Bytes) / Math.Max(1, batches), _changeToWatcher.Summary(), _callReply.Summary());
    }

    private async Task TrackAsync(HubConnection visitor, long seq, bool measured, CancellationToken ct)
    {
        var sentAt = Stopwatch.GetTimestamp();
        await visitor.InvokeAsync<JsonElement>("TrackPageView", $"/bench/{seq}", "Bench", null, ct);
        if (measured) _callReply.Record(Stopwatch.GetTimestamp() - sentAt);
    }

    private void OnBatch(int watcher, bool sampled, JsonElement batch)
    {
        var receivedAt = Stopwatch.GetTimestamp();
        if (Interlocked.Read(ref _measuring) == 1)
        {
            Interlocked.Increment(ref _batches);
            Interlocked.Add(ref _entries, batch.GetArrayLength());
            Interlocked.Add(ref _payloadBytes, batch.GetRawText().Length);
        }
        if (!sampled) return;
        foreach (var visitor in batch.EnumerateArray())
        {
            var page = visitor.GetProperty("currentPage").GetString();
            if (page is null || !page.StartsWith("/bench/", StringComparison.Ordinal) || !long.TryParse(page.AsSpan(7), out var seq)) continue;
            if (!_sent.TryGetValue(seq, out var sent) || !sent.Measured || !_seen.TryAdd((watcher, seq), 0)) continue;
            _changeToWatcher.Record(receivedAt - sent.SentAt);
        }
    }
}

/// <summary>What a site-visitors run measured.</summary>
/// <param name="Missed">Measured page changes a sampled watcher never saw (a later change of the same visitor in the same batch replaces an earlier one).</param>
internal sealed record SiteVisitorsResult(
    int Visitors, int Watchers, int SampledWatchers, int TargetRate, double AchievedRate, double MeasuredSeconds, int Cores,
    long Changes, long Timed, long Missed, double BatchesPerWatcherPerSecond, double EntriesPerBatch, double BytesPerBatch,
    LatencySummary ChangeToWatcher, LatencySummary TrackPageViewReply)
{
    public void Print(TextWriter output)
    {
        output.WriteLine($"site-visitors: {Visitors} visitors on the site, {Watchers} watchers ({SampledWatchers} timed), {TargetRate} page changes/s target, {AchievedRate:F0}/s made, {MeasuredSeconds:F0} s measured, {Cores} cores");
        output.WriteLine($"  changes {Changes:N0}  timed receipts {Timed:N0}  missed {Missed:N0}");
        output.WriteLine($"  per watcher: {BatchesPerWatcherPerSecond:F1} batches/s, {EntriesPerBatch:F1} visitors and {BytesPerBatch / 1024:F1} KiB per batch");
        output.WriteLine($"  page change → watcher:  {ChangeToWatcher}");
        output.WriteLine($"  TrackPageView reply:    {TrackPageViewReply}");
    }

    public async Task WriteJsonAsync(string path)
    {
        await using var file = File.Create(path);
        await JsonSerializer.SerializeAsync(file, this, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true });
    }
}
