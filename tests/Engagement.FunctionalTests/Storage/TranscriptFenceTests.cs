using Engagement.FunctionalTests.Infrastructure;
using Engagement.Storage;
using Npgsql;

namespace Engagement.FunctionalTests.Storage;

/// <summary>
/// The transcript store's membership fence, on real PostgreSQL: a store writes only while its silo's row in the
/// membership table is live, so a silo declared dead (a zombie resumed after SIGSTOP) can no longer append.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class TranscriptFenceTests(PostgresFixture postgres) : IAsyncLifetime
{
    private readonly List<PostgresTranscriptStore> stores = [];

    [Theory]
    [InlineData(TranscriptWriteMethod.Unnest)]
    [InlineData(TranscriptWriteMethod.Copy)]
    public async Task An_active_silo_appends_and_once_declared_dead_it_cannot(TranscriptWriteMethod method)
    {
        var silo = MembershipRows.NewSilo();
        await MembershipRows.InsertAsync(postgres.ConnectionString, silo, SiloStatus.Active);
        var store = NewStore(silo, method);
        var session = NewSessionId();

        await store.AppendAsync(Message(session, 1));
        await MembershipRows.SetStatusAsync(postgres.ConnectionString, silo, SiloStatus.Dead);
        var refused = await Assert.ThrowsAsync<SiloFencedOutException>(() => store.AppendAsync(Message(session, 2)));

        Assert.Equal($"127.0.0.1:11111@{silo.Generation}", refused.Silo);
        Assert.Equal(ErrorCodes.Unavailable, FailureClassifier.CodeOf(refused));
        Assert.Equal([1L], (await store.ReadAsync(session, 0, 10)).Select(m => m.Seq));
    }

    [Theory]
    [InlineData(TranscriptWriteMethod.Unnest)]
    [InlineData(TranscriptWriteMethod.Copy)]
    public async Task A_silo_without_a_membership_row_cannot_append(TranscriptWriteMethod method)
    {
        var store = NewStore(MembershipRows.NewSilo(), method);
        var session = NewSessionId();

        await Assert.ThrowsAsync<SiloFencedOutException>(() => store.AppendAsync(Message(session, 1)));
        Assert.Empty(await store.ReadAsync(session, 0, 10));
    }

    [Theory]
    [InlineData(SiloStatus.ShuttingDown)]
    [InlineData(SiloStatus.Stopping)]
    public async Task A_silo_stopping_gracefully_still_appends_while_its_grains_deactivate(SiloStatus status)
    {
        var silo = MembershipRows.NewSilo();
        await MembershipRows.InsertAsync(postgres.ConnectionString, silo, status);
        var store = NewStore(silo, TranscriptWriteMethod.Unnest);
        var session = NewSessionId();

        await store.AppendAsync(Message(session, 1));
        Assert.Single(await store.ReadAsync(session, 0, 10));
    }

    [Theory]
    [InlineData(TranscriptWriteMethod.Unnest)]
    [InlineData(TranscriptWriteMethod.Copy)]
    public async Task An_append_racing_the_death_declaration_waits_for_it_and_is_refused(TranscriptWriteMethod method)
    {
        var silo = MembershipRows.NewSilo();
        await MembershipRows.InsertAsync(postgres.ConnectionString, silo, SiloStatus.Active);
        var store = NewStore(silo, method);
        var session = NewSessionId();
        await store.AppendAsync(Message(session, 1)); // connections open, statements prepared

        // The other silos' vote, not yet committed, holds the row.
        await using var voter = new NpgsqlConnection(postgres.ConnectionString);
        await voter.OpenAsync();
        await using var vote = await voter.BeginTransactionAsync();
        await using (var declare = MembershipRows.UpdateStatus(voter, silo, SiloStatus.Dead)) await declare.ExecuteNonQueryAsync();

        var append = store.AppendAsync(Message(session, 2));
        await WaitUntilAWriteWaitsForTheRowAsync();
        Assert.False(append.IsCompleted);
        await vote.CommitAsync();

        await Assert.ThrowsAsync<SiloFencedOutException>(() => append);
        Assert.Equal([1L], (await store.ReadAsync(session, 0, 10)).Select(m => m.Seq));
    }

    [Fact]
    public async Task A_fenced_store_still_reports_duplicates_as_duplicates()
    {
        var silo = MembershipRows.NewSilo();
        await MembershipRows.InsertAsync(postgres.ConnectionString, silo, SiloStatus.Active);
        var store = NewStore(silo, TranscriptWriteMethod.Unnest);
        var session = NewSessionId();
        await store.AppendAsync(Message(session, 1));

        await Assert.ThrowsAsync<DuplicateTranscriptEntryException>(() => store.AppendAsync(Message(session, 1)));
    }

    /// <summary>Polls the server until a session of this database waits on a row lock (the fence's FOR SHARE).</summary>
    private async Task WaitUntilAWriteWaitsForTheRowAsync()
    {
        var database = new NpgsqlConnectionStringBuilder(postgres.ConnectionString).Database;
        await using var monitor = new NpgsqlConnection(postgres.ConnectionString);
        await monitor.OpenAsync();
        var deadline = DateTime.UtcNow.AddSeconds(30); // bounds a failing test only
        while (DateTime.UtcNow < deadline)
        {
            await using var command = new NpgsqlCommand(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = $1 AND wait_event_type = 'Lock' AND query LIKE '%cluster_silo%FOR SHARE%'", monitor);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = database! });
            if ((long)(await command.ExecuteScalarAsync())! > 0) return;
            await Task.Delay(20);
        }
        throw new TimeoutException("No transcript write waited for the membership row.");
    }

    private PostgresTranscriptStore NewStore(MembershipFence silo, TranscriptWriteMethod method)
    {
        var store = new PostgresTranscriptStore(postgres.ConnectionString, new TranscriptStoreOptions { WriteMethod = method }, fence: silo);
        stores.Add(store);
        return store;
    }

    private static string NewSessionId() => $"sess:{Guid.NewGuid():N}";

    private static ChatMessage Message(string sessionId, long seq) =>
        new(sessionId, seq, MessageKind.Text, "visitor:v_1", ParticipantRole.Visitor, "Visitor", $"message {seq}", DateTimeOffset.UtcNow, $"c-{seq}");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var store in stores) await store.DisposeAsync();
    }
}
