using System.Diagnostics.Metrics;
using Engagement.FunctionalTests.Infrastructure;
using Engagement.Storage;
using Npgsql;

namespace Engagement.FunctionalTests.Storage;

/// <summary>
/// The transcript contract plus group-commit behaviour, on real PostgreSQL, for one write method; fenced by an
/// active silo's membership row (as in a silo) or not (as tools and in-memory clusters use it).
/// </summary>
public abstract class PostgresTranscriptStoreTests(PostgresFixture postgres, TranscriptWriteMethod method, bool fenced = false)
    : TranscriptStoreContract, IAsyncLifetime
{
    private readonly List<PostgresTranscriptStore> stores = [];
    private readonly MembershipFence? fence = fenced ? MembershipRows.NewSilo() : null;

    protected override Task<ITranscriptStore> CreateStoreAsync() => Task.FromResult<ITranscriptStore>(NewStore());

    private PostgresTranscriptStore NewStore()
    {
        var store = new PostgresTranscriptStore(postgres.ConnectionString, new TranscriptStoreOptions { WriteMethod = method }, fence: fence);
        stores.Add(store);
        return store;
    }

    [Fact]
    public async Task Appends_arriving_together_are_committed_in_shared_batches()
    {
        var store = NewStore();
        var largestBatch = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == TranscriptMetrics.MeterName && instrument.Name == "engagement.transcript.batch_size")
                l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<int>((_, size, _, _) => InterlockedMax(ref largestBatch, size));
        listener.Start();

        var session = NewSessionId();
        await Task.WhenAll(Enumerable.Range(1, 2000).Select(i => store.AppendAsync(Message(session, i))));

        Assert.True(largestBatch > 1, $"largest batch was {largestBatch}");
        Assert.Equal(2000, (await store.ReadAsync(session, 0, 5000)).Count);
    }

    [Fact]
    public async Task A_batch_the_database_rejects_fails_its_appends_with_the_error_and_the_store_carries_on()
    {
        var store = NewStore();
        var session = NewSessionId();

        // PostgreSQL text cannot hold NUL: the statement fails for a reason other than a duplicate.
        var error = await Assert.ThrowsAnyAsync<Exception>(() => store.AppendAsync(Message(session, 1) with { Text = "nul \0 byte" }));
        Assert.IsNotType<DuplicateTranscriptEntryException>(error);
        Assert.IsAssignableFrom<NpgsqlException>(error);

        await store.AppendAsync(Message(session, 2));
        Assert.Equal([2L], (await store.ReadAsync(session, 0, 10)).Select(m => m.Seq));
    }

    [Fact]
    public async Task Dispose_writes_everything_already_queued()
    {
        var store = new PostgresTranscriptStore(postgres.ConnectionString, new TranscriptStoreOptions { WriteMethod = method }, fence: fence);
        var session = NewSessionId();

        var appends = Enumerable.Range(1, 500).Select(i => store.AppendAsync(Message(session, i))).ToArray();
        await store.DisposeAsync();

        Assert.All(appends, t => Assert.True(t.IsCompletedSuccessfully));
        Assert.Equal(500, (await NewStore().ReadAsync(session, 0, 1000)).Count);
        await Assert.ThrowsAnyAsync<Exception>(() => store.AppendAsync(Message(session, 501)));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        for (var current = Volatile.Read(ref target); value > current; current = Volatile.Read(ref target))
            if (Interlocked.CompareExchange(ref target, value, current) == current) return;
    }

    public Task InitializeAsync() =>
        fence is null ? Task.CompletedTask : MembershipRows.InsertAsync(postgres.ConnectionString, fence, SiloStatus.Active);

    public async Task DisposeAsync()
    {
        foreach (var store in stores) await store.DisposeAsync();
    }
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresTranscriptStoreUnnestTests(PostgresFixture postgres)
    : PostgresTranscriptStoreTests(postgres, TranscriptWriteMethod.Unnest);

[Collection(PostgresCollection.Name)]
public sealed class PostgresTranscriptStoreCopyTests(PostgresFixture postgres)
    : PostgresTranscriptStoreTests(postgres, TranscriptWriteMethod.Copy);

[Collection(PostgresCollection.Name)]
public sealed class PostgresTranscriptStoreFencedUnnestTests(PostgresFixture postgres)
    : PostgresTranscriptStoreTests(postgres, TranscriptWriteMethod.Unnest, fenced: true);

[Collection(PostgresCollection.Name)]
public sealed class PostgresTranscriptStoreFencedCopyTests(PostgresFixture postgres)
    : PostgresTranscriptStoreTests(postgres, TranscriptWriteMethod.Copy, fenced: true);
