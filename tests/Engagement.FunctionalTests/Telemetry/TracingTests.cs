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
        var trace = await SendMessagesAsync();

        var hub = trace.Single(s => s.Source.Name == SignalR && s.DisplayName.EndsWith("/SendMessage", StringComparison.Ordinal));
        var grainCall = Assert.Single(trace, s => s.Source.Name == OrleansApplication && s.Kind == ActivityKind.Server && s.DisplayName.EndsWith("/Send", StringComparison.Ordinal));
        Assert.True(IsUnder(grainCall, hub, trace), $"the grain call is not under the hub span:\n{Describe(trace)}");
        var batch = Assert.Single(trace, s => s.Source.Name == ActivitySourceNames.Transcript);
        Assert.True(IsUnder(batch, grainCall, trace), $"the transcript batch is not under the grain call:\n{Describe(trace)}");
        var insert = Assert.Single(trace, s => s.Source.Name == "Npgsql" && s.ParentSpanId == batch.SpanId);
        Assert.Contains("session_message", (string?)insert.GetTagItem("db.query.text"), StringComparison.Ordinal);
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

        Assert.Equal("POST /api/queues", trace.Single(s => s.Source.Name == "Microsoft.AspNetCore").DisplayName);
    }

    [Fact]
    public async Task A_log_line_written_inside_a_traced_grain_call_carries_its_trace_and_span_ids()
    {
        var trace = await SendMessagesAsync();
        var grainCall = trace.Single(s => s.Source.Name == OrleansApplication && s.Kind == ActivityKind.Server && s.DisplayName.EndsWith("/Send", StringComparison.Ordinal));

        var line = Assert.Single(fixture.LogLines, l => l.Contains($"trace={trace[0].TraceId}", StringComparison.Ordinal) && l.Contains("ISessionGrain.Send ", StringComparison.Ordinal));
        Assert.EndsWith($"trace={grainCall.TraceId} span={grainCall.SpanId}{Environment.NewLine}", line, StringComparison.Ordinal);
        Assert.Contains("warn: Engagement.FunctionalTests.Telemetry.GrainCallLog[", line, StringComparison.Ordinal);
    }

    /// <summary>
    /// A visitor waits in a queue with no agent and sends two messages, one after the other; returns the spans of the
    /// second one's trace once they are all exported. (The second: the first shares the session's append loop with the
    /// events of its start.)
    /// </summary>
    private async Task<IReadOnlyList<Activity>> SendMessagesAsync()
    {
        var queue = await fixture.CreateQueueAsync();
        await using var visitor = await HubClient.VisitorAsync(fixture.Node.BaseUrl, (await fixture.NewVisitorAsync()).Token);
        var sessionId = (await visitor.Connection.InvokeAsync<JoinResult>("StartSession", new StartSessionRequest(queue, "Traces"))).Session.SessionId;
        await visitor.Connection.InvokeAsync<MessageAck>("SendMessage", sessionId, "first", "Hello");
        await visitor.Connection.InvokeAsync<MessageAck>("SendMessage", sessionId, "second", "Is anyone there?");

        // Identified by its chain: hub spans of other tests' nodes in this process have no grain call under them.
        return await fixture.WaitForSpansAsync(spans =>
        {
            foreach (var hub in spans.Where(s => s.Source.Name == SignalR && s.DisplayName.EndsWith("/SendMessage", StringComparison.Ordinal)).Reverse())
            {
                var trace = spans.Where(s => s.TraceId == hub.TraceId).ToList();
                if (trace.Any(s => s.Source.Name == "Npgsql" && trace.Any(b => b.Source.Name == ActivitySourceNames.Transcript && b.SpanId == s.ParentSpanId))
                    && trace.Any(s => s.Source.Name == OrleansApplication && s.DisplayName.EndsWith("/Send", StringComparison.Ordinal)))
                    return trace;
            }
            return null;
        }, "hub call whose trace holds the session grain's Send and a transcript batch's insert");
    }

    /// <summary>A recorded trace of the test's own, for the HTTP client to continue (its spans' trace id is ours).</summary>
    private static Activity StartTestTrace()
    {
        var activity = new Activity(nameof(TracingTests)).SetIdFormat(ActivityIdFormat.W3C);
        activity.ActivityTraceFlags = ActivityTraceFlags.Recorded;
        return activity.Start();
    }

    private static bool IsUnder(Activity span, Activity ancestor, IReadOnlyList<Activity> trace)
    {
        var byId = trace.GroupBy(s => s.SpanId).ToDictionary(g => g.Key, g => g.First());
        for (var current = span; byId.TryGetValue(current.ParentSpanId, out var parent); current = parent)
            if (parent.SpanId == ancestor.SpanId) return true;
        return false;
    }

    private static string Describe(IReadOnlyList<Activity> trace) => string.Join('\n', trace.Select(TracingFixture.Describe));
}
