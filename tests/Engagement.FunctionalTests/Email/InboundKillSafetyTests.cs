using Engagement.Email;
using Engagement.FunctionalTests.Infrastructure;
using Engagement.LoadTests.Cluster;
using Engagement.Media.Tests;

namespace Engagement.FunctionalTests.Email;

/// <summary>
/// Mail the listener answered 250 for survives the processor going away: stored before the answer, processed by the
/// next processor, whether the first one never got to it or died holding it (its lease passes).
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class InboundKillSafetyTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Mail_stored_before_250_is_processed_after_the_processor_restarts()
    {
        var database = await postgres.CreateDatabaseAsync("email", migrate: true);
        long rawId;
        await using (var first = await EmailNode.StartAsync(database, FreePorts.One(), handler: null))
        {
            rawId = EmailNode.QueuedId(await first.SendAsync(InboundMailTests.Mail("Before the restart", "Hello")));
        }

        var handler = new RecordingMailHandler();
        await using var second = await EmailNode.StartAsync(database, FreePorts.One(), handler);
        var mail = await handler.WaitForAsync(rawId);
        Assert.Equal("Hello", mail.Text);
        Assert.Equal(InboundDisposition.Handled, (await second.ProcessedAsync(rawId)).Disposition);
    }

    [Fact]
    public async Task Mail_held_by_a_processor_that_died_comes_back_when_its_lease_passes()
    {
        var database = await postgres.CreateDatabaseAsync("email", migrate: true);
        var shortLease = new Dictionary<string, string?> { ["Engagement:Email:Inbound:Lease"] = "00:00:03" };

        // The first node's handler never returns, as if the silo froze in it; then the node goes away without finishing.
        var hung = new RecordingMailHandler();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        hung.Behaviour = (_, _) => release.Task;
        var first = await EmailNode.StartAsync(database, FreePorts.One(), hung, shortLease);
        var rawId = EmailNode.QueuedId(await first.SendAsync(InboundMailTests.Mail("During the crash", "Still there?")));
        await hung.WaitForAsync(rawId);
        await first.StopAsync();

        var handler = new RecordingMailHandler();
        await using var second = await EmailNode.StartAsync(database, FreePorts.One(), handler, shortLease);
        await handler.WaitForAsync(rawId);
        var record = await second.ProcessedAsync(rawId);
        Assert.Equal((InboundDisposition.Handled, 2, $"conv-{rawId}"), (record.Disposition, record.Attempts, record.ConversationId));

        // The first processor wakes up late: its claim is stale, so it changes nothing.
        release.SetResult();
        await Eventually.Until(() => Task.FromResult(first.Logs.Contains($"Inbound mail {rawId}: claim 1 had lapsed")), seen => seen,
            "the late processor noticing its claim had lapsed");
        var after = await second.Inbound.GetAsync(rawId);
        Assert.Equal((record.Disposition, record.Result, record.ConversationId, record.Attempts, record.ProcessedAt),
            (after!.Disposition, after.Result, after.ConversationId, after.Attempts, after.ProcessedAt));
        await first.DisposeAsync();
    }
}
