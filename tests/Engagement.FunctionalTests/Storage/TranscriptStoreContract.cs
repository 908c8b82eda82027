using Engagement.Storage;

namespace Engagement.FunctionalTests.Storage;

/// <summary>What every <see cref="ITranscriptStore"/> must do; run against each implementation.</summary>
public abstract class TranscriptStoreContract
{
    protected abstract Task<ITranscriptStore> CreateStoreAsync();

    protected static ChatMessage Message(string sessionId, long seq, string? clientMessageId = null) => new(
        sessionId, seq, seq % 2 == 0 ? MessageKind.Text : MessageKind.Event,
        SenderId: $"agent:{seq % 3}", SenderRole: (ParticipantRole)(seq % 3), SenderName: "Zoë «agent»",
        Text: $"message {seq} — ünïcödé ✓", At: new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero).AddTicks(seq * 10),
        ClientMessageId: clientMessageId);

    protected static string NewSessionId() => $"sess:{Guid.NewGuid():N}";

    [Fact]
    public async Task Appends_and_reads_back_in_order_with_every_field()
    {
        var store = await CreateStoreAsync();
        var session = NewSessionId();
        var messages = Enumerable.Range(1, 5).Select(i => Message(session, i, i == 3 ? null : $"client-{i}")).ToArray();

        foreach (var m in messages.Reverse()) await store.AppendAsync(m);

        Assert.Equal(messages, await store.ReadAsync(session, afterSeq: 0, limit: 10));
        Assert.Equal(messages[2..4], await store.ReadAsync(session, afterSeq: 2, limit: 2));
        Assert.Equal(messages[3..], await store.ReadTailAsync(session, count: 2));
        Assert.Equal(messages, await store.ReadTailAsync(session, count: 50));
        Assert.Empty(await store.ReadAsync(session, afterSeq: 5, limit: 10));
        Assert.Empty(await store.ReadAsync(NewSessionId(), afterSeq: 0, limit: 10));
        Assert.Empty(await store.ReadTailAsync(session, count: 0));
    }

    [Fact]
    public async Task Many_concurrent_appends_from_many_sessions_all_complete_and_are_stored_once()
    {
        var store = await CreateStoreAsync();
        var sessions = Enumerable.Range(0, 200).Select(_ => NewSessionId()).ToArray();
        const int perSession = 25;

        // Each session appends in order (as a session grain does); sessions run concurrently.
        await Task.WhenAll(sessions.Select(session => Task.Run(async () =>
        {
            for (var seq = 1; seq <= perSession; seq++) await store.AppendAsync(Message(session, seq));
        })));

        foreach (var session in sessions)
        {
            var stored = await store.ReadAsync(session, 0, perSession + 10);
            Assert.Equal(Enumerable.Range(1, perSession).Select(i => (long)i), stored.Select(m => m.Seq));
        }
    }

    [Fact]
    public async Task A_duplicate_session_and_seq_fails_clearly_and_leaves_the_first_message()
    {
        var store = await CreateStoreAsync();
        var session = NewSessionId();
        await store.AppendAsync(Message(session, 1));

        var duplicate = Message(session, 1) with { Text = "second attempt" };
        var error = await Assert.ThrowsAsync<DuplicateTranscriptEntryException>(() => store.AppendAsync(duplicate));

        Assert.Equal((session, 1L), (error.SessionId, error.Seq));
        Assert.Equal([Message(session, 1)], await store.ReadAsync(session, 0, 10));
    }

    [Fact]
    public async Task A_duplicate_fails_only_itself_among_concurrent_appends()
    {
        var store = await CreateStoreAsync();
        var session = NewSessionId();
        await store.AppendAsync(Message(session, 1));

        var others = Enumerable.Range(2, 100).Select(i => store.AppendAsync(Message(session, i))).ToArray();
        var twiceInFlight = new[] { store.AppendAsync(Message(session, 200)), store.AppendAsync(Message(session, 200)) };
        var duplicateOfStored = store.AppendAsync(Message(session, 1));

        await Task.WhenAll(others);
        await Assert.ThrowsAsync<DuplicateTranscriptEntryException>(() => duplicateOfStored);
        var outcomes = await Task.WhenAll(twiceInFlight.Select(async t => { try { await t; return true; } catch (DuplicateTranscriptEntryException) { return false; } }));
        Assert.Single(outcomes, ok => ok);
        Assert.Equal(Enumerable.Range(1, 101).Select(i => (long)i).Append(200), (await store.ReadAsync(session, 0, 500)).Select(m => m.Seq));
    }
}
