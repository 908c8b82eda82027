using System.Diagnostics;
using System.Net.Http.Json;
using Engagement.FunctionalTests.EndToEnd;
using Microsoft.AspNetCore.SignalR.Client;

namespace Engagement.FunctionalTests.Telemetry;

/// <summary>
/// Issue 13, item 2: with tracing on, a hub call or a REST request, the grain calls it makes and the PostgreSQL queries
/// those run are one trace, parent to child; a log line written inside a grain call carries that trace's id.
/// </summary>
public class TracingTests(TracingFixture fixture) : IClassFixture<TracingFixture>
{
    private const string SignalR = "Microsoft.AspNetCore.SignalR.Server";
    private const string OrleansApplication = "Microsoft.Orleans.Application";

    [Fact]
    public async Task A_message_sent_over_the_hub_is_one_trace_from_the_hub_through_the_session_grain_to_the_transcript_insert()
    {
        foreach (var trace in await SendMessagesAsync()) AssertHubToInsert(trace);
    }

    private static void AssertHubToInsert(IReadOnlyList<Activity> trace)
    {
        var hub = trace.Single(s => s.Source.Name == SignalR && s.DisplayName.EndsWith("/SendMessage", StringComparison.Ordinal));
        var grainCall = Assert.Single(trace, s => s.Source.Name == OrleansApplication && s.Kind == ActivityKind.Server && s.DisplayName.EndsWith("/Send", StringComparison.Ordinal));
        Assert.True(IsUnder(grainCall, hub, trace), $"the grain call is not under the hub span:\n{Describe(trace)}");
        var batch = Assert.Single(trace, s => s.Source.Name == ActivitySourceNames.Transcript);
        Assert.True(IsUnder(batch, grainCall, trace), $"the transcript batch is not under the grain call:\n{Describe(trace)}");
        Assert.Single(trace, s => s.Source.Name == "Npgsql" && s.ParentSpanId == batch.SpanId && IsTranscriptInsert(s));
    }

    [Fact]
    public async Task A_REST_request_is_one_trace_from_the_request_through_grain_calls_to_PostgreSQL()
    {
        using var root = StartTestTrace();
        using (var http = fixture.Http(fixture.AdminToken))
        {
            var queueId = "q-" + Guid.NewGuid().ToString("N")[..12];
            var response = await http.PostAsJsonAsync("/api/queues", new { queueId, name = "Traced " + queueId, skills = new[] { "support" } }, TracingFixture.Json);
            response.EnsureSuccessStatusCode();
        }
        root.Stop();

        var trace = await fixture.WaitForSpansAsync(spans =>
        {
            var mine = spans.Where(s => s.TraceId == root.TraceId).ToList();
            var request = mine.FirstOrDefault(s => s.Source.Name == "Microsoft.AspNetCore" && s.Kind == ActivityKind.Server);
            var queries = mine.Where(s => s.Source.Name == "Npgsql" && request is not null && IsUnder(s, request, mine)
                && mine.Any(g => g.Source.Name == OrleansApplication && g.Kind == ActivityKind.Server && IsUnder(s, g, mine) && IsUnder(g, request, mine)));
            return queries.Any() ? mine : null;
        }, "request span with a grain call and a query under it");

        Assert.StartsWith("POST /api/queues", trace.Single(s => s.Source.Name == "Microsoft.AspNetCore").DisplayName, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_log_line_written_inside_a_traced_grain_call_carries_its_trace_and_span_ids()
    {
        var trace = (await SendMessagesAsync())[^1];
        var grainCall = trace.Single(s => s.Source.Name == OrleansApplication && s.Kind == ActivityKind.Server && s.DisplayName.EndsWith("/Send", StringComparison.Ordinal));

        var line = Assert.Single(fixture.LogLines, l => l.Contains($"trace={trace[0].TraceId}", StringComparison.Ordinal) && l.Contains("ISessionGrain.Send ", StringComparison.Ordinal));
        Assert.EndsWith($"trace={grainCall.TraceId} span={grainCall.SpanId}{Environment.NewLine}", line, StringComparison.Ordinal);
        Assert.Contains("warn: Engagement.FunctionalTests.Telemetry.GrainCallLog[", line, StringComparison.Ordinal);
    }

    /// <summary>
    /// A visitor waits in a queue with no agent and sends two messages, the first while the session's start may still
    /// be writing its events; returns each message's trace once all its spans are exported.
    /// </summary>
    private async Task<IReadOnlyList<Activity>[]> SendMessagesAsync()
    {
        var queue = await fixture.CreateQueueAsync();
        await using var visitor = await HubClient.VisitorAsync(fixture.Node.BaseUrl, (await fixture.NewVisitorAsync()).Token);
        var sessionId = (await visitor.Connection.InvokeAsync<JoinResult>("StartSession", new StartSessionRequest(queue, "Traces"))).Session.SessionId;
        await visitor.Connection.InvokeAsync<MessageAck>("SendMessage", sessionId, "first", "Hello");
        await visitor.Connection.InvokeAsync<MessageAck>("SendMessage", sessionId, "second", "Is anyone there?");

        // Each hub call's trace, found by its grain call to this session (Orleans tags the target grain's id).
        return await fixture.WaitForSpansAsync(spans =>
        {
            var traces = spans
                .Where(s => s.Source.Name == OrleansApplication && s.Kind == ActivityKind.Server && s.DisplayName.EndsWith("/Send", StringComparison.Ordinal)
                    && ((string?)s.GetTagItem("orleans.rpc.target_id"))?.EndsWith(sessionId, StringComparison.Ordinal) == true)
                .Select(send => spans.Where(s => s.TraceId == send.TraceId).ToList())
                .Where(trace => trace.Any(s => s.Source.Name == SignalR) && trace.Any(s => s.Source.Name == "Npgsql" && IsTranscriptInsert(s))
                    && trace.Any(s => s.Source.Name == ActivitySourceNames.Transcript))
                .ToArray();
            return traces.Length == 2 ? traces : null;
        }, $"two hub calls to session {sessionId}, each with its grain call and its insert");
    }

    /// <summary>A recorded trace of the test's own, for the HTTP client to continue (its spans' trace id is ours).</summary>
    private static Activity StartTestTrace()
    {
        var activity = new Activity(nameof(TracingTests)).SetIdFormat(ActivityIdFormat.W3C);
        activity.ActivityTraceFlags = ActivityTraceFlags.Recorded;
        return activity.Start();
    }

    private static bool IsTranscriptInsert(Activity query) =>
        ((string?)query.GetTagItem("db.query.text"))?.Contains("INSERT INTO engagement.session_message", StringComparison.Ordinal) == true;

    private static bool IsUnder(Activity span, Activity ancestor, IReadOnlyList<Activity> trace)
    {
        var byId = trace.GroupBy(s => s.SpanId).ToDictionary(g => g.Key, g => g.First());
        for (var current = span; byId.TryGetValue(current.ParentSpanId, out var parent); current = parent)
            if (parent.SpanId == ancestor.SpanId) return true;
        return false;
    }

    private static string Describe(IReadOnlyList<Activity> trace) => string.Join('\n', trace.Select(TracingFixture.Describe));
}
