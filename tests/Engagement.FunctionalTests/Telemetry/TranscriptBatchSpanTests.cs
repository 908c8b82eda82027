using System.Diagnostics;
using Engagement.FunctionalTests.Infrastructure;
using Engagement.Storage;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace Engagement.FunctionalTests.Telemetry;

/// <summary>
/// A transcript batch serves many callers, each in its own trace: its span continues one of them and links to the
/// others, so that every sender's trace reaches the insert, however the appends were batched.
/// </summary>
[Collection(PostgresCollection.Name)]
public class TranscriptBatchSpanTests(PostgresFixture postgres)
{
    private static readonly ActivitySource Callers = new("Engagement.FunctionalTests.TranscriptCallers");

    [Fact]
    public async Task Every_append_s_trace_is_the_batch_span_s_parent_or_one_of_its_links_and_the_insert_is_under_the_batch()
    {
        var spans = new SpanList();
        using (Sdk.CreateTracerProviderBuilder().AddSource(Callers.Name, ActivitySourceNames.Transcript, "Npgsql").AddInMemoryExporter(spans).Build())
        {
            await using var store = new PostgresTranscriptStore(postgres.ConnectionString);
            var session = $"sess:{Guid.NewGuid():N}";
            var callers = await Task.WhenAll(Enumerable.Range(1, 50).Select(seq => Task.Run(async () =>
            {
                using var caller = Callers.StartActivity("send")!;
                await store.AppendAsync(new ChatMessage(session, seq, MessageKind.Text, "visitor:1", ParticipantRole.Visitor, "Visitor", $"message {seq}", DateTimeOffset.UtcNow, ClientMessageId: null));
                return caller.Context;
            })));

            // A batch's span ends just after its appends complete: wait (a bounded while) until every caller's is exported.
            List<Activity> batches;
            IReadOnlyList<Activity> all;
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (true)
            {
                all = spans.Snapshot();
                batches = [.. all.Where(s => s.Source.Name == ActivitySourceNames.Transcript
                    && callers.Any(c => c.TraceId == s.TraceId || s.Links.Any(l => l.Context.TraceId == c.TraceId)))];
                if (callers.All(c => batches.Any(b => Continues(b, c))) || DateTime.UtcNow > deadline) break;
                await Task.Delay(100);
            }
            Assert.All(callers, caller => Assert.Single(batches, b => Continues(b, caller)));
            Assert.All(batches, batch => Assert.Contains(all, s => s.Source.Name == "Npgsql" && s.ParentSpanId == batch.SpanId));
            Assert.All(batches, batch => Assert.Equal(1 + batch.Links.Count(), batch.GetTagItem("engagement.transcript.batch_size")));
        }
    }

    private static bool Continues(Activity batch, ActivityContext caller) =>
        (batch.TraceId == caller.TraceId && batch.ParentSpanId == caller.SpanId) || batch.Links.Any(l => l.Context.SpanId == caller.SpanId);
}
