using Engagement.Context;
using Engagement.FunctionalTests.Infrastructure;
using Npgsql;

namespace Engagement.FunctionalTests.Storage;

/// <summary>
/// The SQL contract of Orleans' ADO.NET stream provider (the six keys of 006-orleans-streaming.sql) on real
/// PostgreSQL, called with the provider's parameter names and types and read with its casts
/// (<see cref="StreamQueryRunner"/>). What each key must do is in docs/architecture.md ("the stream contract").
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class StreamQueriesTests(PostgresFixture postgres)
{
    private static byte[] Payload(int n) => [1, 2, 3, (byte)n];

    [Fact]
    public async Task Queue_returns_one_acknowledgement_with_a_growing_64_bit_message_id()
    {
        var db = new StreamQueryRunner(postgres.ConnectionString);

        var first = await db.Queue("q-0", Payload(1));
        var second = await db.Queue("q-0", Payload(2));

        Assert.Equal((db.ServiceId, "context", "q-0"), (first.ServiceId, first.ProviderId, first.QueueId));
        Assert.True(second.MessageId > first.MessageId);
        Assert.Equal([(first.MessageId, 0), (second.MessageId, 0)], await db.LiveRows("q-0"));
    }

    [Fact]
    public async Task Get_takes_visible_messages_of_its_queue_oldest_first_up_to_the_count_and_hides_them()
    {
        var db = new StreamQueryRunner(postgres.ConnectionString);
        var ids = new List<long>();
        for (var i = 0; i < 3; i++) ids.Add((await db.Queue("q-0", Payload(i))).MessageId);
        await db.Queue("q-1", Payload(9));

        var firstTwo = await db.Get("q-0", maxCount: 2, visibilitySeconds: 60);
        var rest = await db.Get("q-0", maxCount: 2, visibilitySeconds: 60);
        var none = await db.Get("q-0", maxCount: 2, visibilitySeconds: 60);

        Assert.Equal(ids[..2], firstTwo.Select(m => m.MessageId));
        Assert.Equal([ids[2]], rest.Select(m => m.MessageId));
        Assert.Empty(none); // taken messages stay invisible for the visibility timeout
        var message = firstTwo[0];
        Assert.Equal((db.ServiceId, "context", "q-0", 1), (message.ServiceId, message.ProviderId, message.QueueId, message.Dequeued));
        Assert.Equal(Payload(0), message.Payload);
        Assert.InRange(message.VisibleOn - message.ModifiedOn, TimeSpan.FromSeconds(59), TimeSpan.FromSeconds(61));
        Assert.InRange(message.ExpiresOn - message.CreatedOn, TimeSpan.FromSeconds(599), TimeSpan.FromSeconds(601));
        Assert.Equal(DateTimeKind.Utc, message.VisibleOn.Kind);
        Assert.Single(await db.Get("q-1")); // another queue's message is untouched
    }

    [Fact]
    public async Task An_unconfirmed_message_is_delivered_again_after_the_visibility_timeout_with_a_new_receipt()
    {
        var db = new StreamQueryRunner(postgres.ConnectionString);
        var id = (await db.Queue("q-0", Payload(1))).MessageId;

        // A receiver takes it and dies without confirming; a visibility timeout of 0 s has already passed.
        var taken = Assert.Single(await db.Get("q-0", visibilitySeconds: 0));
        var again = Assert.Single(await db.Get("q-0", visibilitySeconds: 60));

        Assert.Equal((id, 1), (taken.MessageId, taken.Dequeued));
        Assert.Equal((id, 2), (again.MessageId, again.Dequeued));
    }

    [Fact]
    public async Task Confirm_deletes_only_with_the_current_receipt_and_release_makes_a_message_visible_again()
    {
        var db = new StreamQueryRunner(postgres.ConnectionString);
        var a = (await db.Queue("q-0", Payload(1))).MessageId;
        var b = (await db.Queue("q-0", Payload(2))).MessageId;
        await db.Get("q-0", visibilitySeconds: 0);                 // a and b: receipt 1, lost by a dying receiver
        await db.Get("q-0", visibilitySeconds: 60);                // a and b: receipt 2, held by the new receiver

        var stale = await db.Confirm("q-0", [(a, 1)]);             // the old receiver confirms late
        var released = await db.Confirm("q-0", [(b, 2)], release: true);
        var confirmed = await db.Confirm("q-0", [(a, 2)]);

        Assert.Empty(stale);
        Assert.Equal([(db.ServiceId, "context", "q-0", b)], released.Select(r => (r.ServiceId, r.ProviderId, r.QueueId, r.MessageId)));
        Assert.Equal([a], confirmed.Select(r => r.MessageId));
        Assert.Equal([(b, 2)], await db.LiveRows("q-0"));          // a gone; b visible, its count kept
        Assert.Equal([(b, 3)], (await db.Get("q-0")).Select(m => (m.MessageId, m.Dequeued)));
        Assert.Empty(await db.Confirm("q-0", [(b, 2)], release: true)); // a stale release does not touch the new holder's copy
    }

    [Fact]
    public async Task A_poll_moves_exhausted_and_expired_messages_to_dead_letters_at_most_once_per_eviction_interval()
    {
        var db = new StreamQueryRunner(postgres.ConnectionString);
        var exhausted = (await db.Queue("q-0", Payload(1))).MessageId;
        await db.Get("q-0", maxAttempts: 1, visibilitySeconds: 0, evictionIntervalSeconds: 0); // taken once: no attempts left; eviction due next poll
        var expired = (await db.Queue("q-0", Payload(2), expirySeconds: 0)).MessageId;

        var first = await db.Get("q-0", maxAttempts: 1, removalSeconds: 3600, evictionIntervalSeconds: 3600);

        Assert.Empty(first); // neither is delivered: one has no attempts left, the other expired
        Assert.Equal([exhausted, expired], (await db.DeadLetters("q-0")).Select(d => d.Id));
        Assert.All(await db.DeadLetters("q-0"), d => Assert.InRange(d.RemovedIn, TimeSpan.FromMinutes(59), TimeSpan.FromMinutes(61)));
        Assert.Empty(await db.LiveRows("q-0"));

        // The next eviction is an hour away: a new expired message stays where it is.
        var later = (await db.Queue("q-0", Payload(3), expirySeconds: 0)).MessageId;
        Assert.Empty(await db.Get("q-0", maxAttempts: 1, evictionIntervalSeconds: 3600));
        Assert.Equal([(later, 0)], await db.LiveRows("q-0"));
    }

    [Fact]
    public async Task A_due_poll_deletes_dead_letters_whose_retention_has_passed()
    {
        var db = new StreamQueryRunner(postgres.ConnectionString);
        await db.Queue("q-0", Payload(1), expirySeconds: 0);
        await db.Get("q-0", removalSeconds: 0, evictionIntervalSeconds: 0);   // moves it, kept 0 s
        Assert.Single(await db.DeadLetters("q-0"));

        await db.Get("q-0", evictionIntervalSeconds: 0);                       // due again: deletes it

        Assert.Empty(await db.DeadLetters("q-0"));
    }

    [Fact]
    public async Task Fail_retries_a_message_with_attempts_left_and_buries_one_without()
    {
        var db = new StreamQueryRunner(postgres.ConnectionString);
        var id = (await db.Queue("q-0", Payload(1))).MessageId;
        await db.Get("q-0", visibilitySeconds: 60);

        await db.Fail("q-0", id, maxAttempts: 2);
        var retried = Assert.Single(await db.Get("q-0", visibilitySeconds: 60)); // visible at once, second attempt
        await db.Fail("q-0", id, maxAttempts: 2, removalSeconds: 60);

        Assert.Equal((id, 2), (retried.MessageId, retried.Dequeued));
        Assert.Empty(await db.LiveRows("q-0"));
        var dead = Assert.Single(await db.DeadLetters("q-0"));
        Assert.Equal(id, dead.Id);
        Assert.InRange(dead.RemovedIn, TimeSpan.FromSeconds(50), TimeSpan.FromSeconds(61));
        await db.Fail("q-0", id, maxAttempts: 2);                  // failing a message that is gone does nothing
    }

    [Fact]
    public async Task The_eviction_keys_move_exhausted_messages_and_delete_expired_dead_letters()
    {
        var db = new StreamQueryRunner(postgres.ConnectionString);
        var first = (await db.Queue("q-0", Payload(1))).MessageId;
        var second = (await db.Queue("q-0", Payload(2))).MessageId;
        await db.Age("q-0", TimeSpan.FromHours(1)); // both expired an hour ago ...
        var young = (await db.Queue("q-0", Payload(3))).MessageId; // ... this one not

        await db.EvictMessages("q-0", maxCount: 1, removalSeconds: 0);
        Assert.Equal([first], (await db.DeadLetters("q-0")).Select(d => d.Id)); // oldest first, at most MaxCount
        await db.EvictMessages("q-0", maxCount: 10, removalSeconds: 3600);
        Assert.Equal([first, second], (await db.DeadLetters("q-0")).Select(d => d.Id));
        Assert.Equal([(young, 0)], await db.LiveRows("q-0"));

        await db.EvictDeadLetters("q-0");

        Assert.Equal([second], (await db.DeadLetters("q-0")).Select(d => d.Id)); // only the one past its retention
    }

    [Fact]
    public async Task Concurrent_receivers_never_take_the_same_message()
    {
        var db = new StreamQueryRunner(postgres.ConnectionString);
        for (var i = 0; i < 200; i++) await db.Queue("q-0", Payload(i));

        var takes = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            var mine = new List<long>();
            for (var round = 0; round < 10; round++) mine.AddRange((await db.Get("q-0", maxCount: 5)).Select(m => m.MessageId));
            return mine;
        })));

        var all = takes.SelectMany(t => t).ToList();
        Assert.Equal(all.Count, all.Distinct().Count());
        Assert.Equal(200, all.Count + (await db.LiveRows("q-0")).Count(r => r.Dequeued == 0));
    }

    [Theory]
    [InlineData(false, "off")]
    [InlineData(true, "on")]
    public async Task The_stream_connection_commits_synchronously_only_when_configured(bool synchronousCommit, string expected)
    {
        await using var connection = new NpgsqlConnection(ContextStreamSetup.StreamConnectionString(postgres.ConnectionString, synchronousCommit));
        await connection.OpenAsync();
        await using var show = new NpgsqlCommand("SHOW synchronous_commit", connection);

        Assert.Equal(expected, (string?)await show.ExecuteScalarAsync());
    }
}
