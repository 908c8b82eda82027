using Engagement.FunctionalTests.Infrastructure;
using Engagement.FunctionalTests.Storage;
using Engagement.Storage;
using Engagement.Webhooks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Engagement.FunctionalTests.Webhooks;

/// <summary>
/// message.created deliveries written by the transcript store's own batches, on real PostgreSQL, for each write
/// method, fenced or not: one per stored message and subscription to the type, none for duplicates, fenced-out or
/// unwanted writes.
/// </summary>
public abstract class MessageCreatedOutboxTests(PostgresFixture postgres, TranscriptWriteMethod method, bool fenced) : IAsyncLifetime
{
    private readonly MembershipFence? fence = fenced ? MembershipRows.NewSilo() : null;
    private string connectionString = "";
    private WebhookDatabase database = null!;
    private WebhookSubscriptionCache subscriptions = null!;
    private PostgresTranscriptStore store = null!;

    public async Task InitializeAsync()
    {
        connectionString = await postgres.CreateDatabaseAsync("webhook-outbox", migrate: true);
        if (fence is not null) await MembershipRows.InsertAsync(connectionString, fence, SiloStatus.Active);
        database = new WebhookDatabase(connectionString);
        subscriptions = new WebhookSubscriptionCache(database, Options.Create(new WebhookOptions()), NullLogger<WebhookSubscriptionCache>.Instance);
        var outbox = new MessageCreatedOutbox(subscriptions, new DeliverySignal());
        store = new PostgresTranscriptStore(connectionString, new TranscriptStoreOptions { WriteMethod = method }, fence: fence, outbox: outbox);
    }

    [Fact]
    public async Task Every_stored_message_gets_one_delivery_per_subscription_to_message_created()
    {
        var wants = await SubscribeAsync(WebhookEventTypes.MessageCreated, WebhookEventTypes.SessionRated);
        var also = await SubscribeAsync(WebhookEventTypes.MessageCreated);
        await SubscribeAsync(WebhookEventTypes.SessionRated);
        var session = NewSession();

        // Appended together: one-row batches and larger ones.
        await Task.WhenAll(Enumerable.Range(1, 300).Select(seq => store.AppendAsync(Message(session, seq))));

        var rows = await DeliveriesAsync();
        Assert.Equal(new[] { (wants, 300), (also, 300) }.Order(), rows.GroupBy(r => r.SubscriptionId).Select(g => (g.Key, g.Count())).Order());
        Assert.All(rows, r => Assert.Equal(($"msg_{session}_{r.Seq}", WebhookEventTypes.MessageCreated, session), (r.EventId, r.EventType, r.SessionId)));
        Assert.Equal(Enumerable.Range(1, 300).Select(i => (long)i), rows.Where(r => r.SubscriptionId == wants).Select(r => r.Seq).Order());
    }

    [Fact]
    public async Task A_duplicate_message_gets_no_second_delivery()
    {
        var wants = await SubscribeAsync(WebhookEventTypes.MessageCreated);
        var session = NewSession();
        await store.AppendAsync(Message(session, 1));

        var again = store.AppendAsync(Message(session, 1) with { Text = "again" });
        var next = store.AppendAsync(Message(session, 2));
        await Assert.ThrowsAsync<DuplicateTranscriptEntryException>(() => again);
        await next;

        Assert.Equal([1L, 2L], (await DeliveriesAsync()).Where(r => r.SubscriptionId == wants).Select(r => r.Seq).Order());
    }

    [Fact]
    public async Task With_no_subscription_to_messages_a_batch_writes_no_delivery()
    {
        await SubscribeAsync(WebhookEventTypes.ConversationCreated);
        var session = NewSession();

        await Task.WhenAll(Enumerable.Range(1, 50).Select(seq => store.AppendAsync(Message(session, seq))));

        Assert.Empty(await DeliveriesAsync());
        Assert.Equal(50, (await store.ReadAsync(session, 0, 100)).Count);
    }

    /// <summary>For the fenced variants, which have a membership row to lose.</summary>
    protected async Task FencedOutAsync()
    {
        Assert.NotNull(fence);
        await SubscribeAsync(WebhookEventTypes.MessageCreated);
        await MembershipRows.SetStatusAsync(connectionString, fence, SiloStatus.Dead);

        await Assert.ThrowsAsync<SiloFencedOutException>(() => store.AppendAsync(Message(NewSession(), 1)));

        Assert.Empty(await DeliveriesAsync());
    }

    private async Task<string> SubscribeAsync(params string[] types)
    {
        var id = Ids.New("wh_");
        await using var command = database.DataSource.CreateCommand(
            "INSERT INTO engagement.webhook_subscription (id, url, event_types, active, secret) VALUES ($1, 'http://127.0.0.1:9/hook', $2, true, 'whsec_x')");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = id });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = types });
        await command.ExecuteNonQueryAsync();
        await subscriptions.RefreshAsync();
        return id;
    }

    private sealed record Row(string SubscriptionId, string EventId, string EventType, string SessionId, long Seq, bool HasData);

    private async Task<List<Row>> DeliveriesAsync()
    {
        await using var command = database.DataSource.CreateCommand(
            "SELECT subscription_id, event_id, event_type, session_id, seq, data IS NOT NULL FROM engagement.webhook_delivery");
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<Row>();
        while (await reader.ReadAsync())
            rows.Add(new Row(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt64(4), reader.GetBoolean(5)));
        Assert.All(rows, r => Assert.False(r.HasData)); // the message is referenced, not copied
        return rows;
    }

    private static string NewSession() => "s_" + Guid.NewGuid().ToString("N");

    private static ChatMessage Message(string sessionId, long seq) =>
        new(sessionId, seq, MessageKind.Text, "v_1", ParticipantRole.Visitor, "Visitor", $"message {seq}", DateTimeOffset.UtcNow, null);

    public async Task DisposeAsync()
    {
        await store.DisposeAsync();
        subscriptions.Dispose();
        await database.DisposeAsync();
    }
}

[Collection(PostgresCollection.Name)]
public sealed class MessageCreatedOutboxUnnestTests(PostgresFixture postgres) : MessageCreatedOutboxTests(postgres, TranscriptWriteMethod.Unnest, fenced: false);

[Collection(PostgresCollection.Name)]
public sealed class MessageCreatedOutboxCopyTests(PostgresFixture postgres) : MessageCreatedOutboxTests(postgres, TranscriptWriteMethod.Copy, fenced: false);

[Collection(PostgresCollection.Name)]
public sealed class MessageCreatedOutboxFencedUnnestTests(PostgresFixture postgres) : MessageCreatedOutboxTests(postgres, TranscriptWriteMethod.Unnest, fenced: true)
{
    [Fact]
    public Task A_silo_fenced_out_writes_neither_messages_nor_deliveries() => FencedOutAsync();
}

[Collection(PostgresCollection.Name)]
public sealed class MessageCreatedOutboxFencedCopyTests(PostgresFixture postgres) : MessageCreatedOutboxTests(postgres, TranscriptWriteMethod.Copy, fenced: true)
{
    [Fact]
    public Task A_silo_fenced_out_writes_neither_messages_nor_deliveries() => FencedOutAsync();
}
