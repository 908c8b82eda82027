using Engagement.Conversations;
using Engagement.FunctionalTests.Infrastructure;
using Npgsql;

namespace Engagement.FunctionalTests.Storage;

/// <summary>
/// Search's steps (the newest messages tested one by one, maybe more of them, then the older ones through the word
/// index) against a brute-force answer: every text message tested, joined, filtered and sorted newest first. The store
/// holds more text messages than the first two steps test, so a search that does not fill its page in them runs the
/// third; at both step boundaries several messages share one time.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ConversationSearchTests(PostgresFixture postgres) : IAsyncLifetime
{
    private const int Messages = ConversationSearch.RecentMessages + ConversationSearch.FurtherMessages + 1500;

    /// <summary>The message where step 1 ends: the <see cref="ConversationSearch.RecentMessages"/>-th newest.</summary>
    private const int Edge = Messages - ConversationSearch.RecentMessages + 1;

    /// <summary>"fading" is in 1 of 200 of the messages step 1 tests, too few for a page of 50.</summary>
    private const int FadingInStep1 = ConversationSearch.RecentMessages / 200;

    /// <summary>So step 2 tests twice as many messages as that rate needs to fill the page (at most FurtherMessages).</summary>
    private const int Step2Messages = 2 * ConversationSearch.RecentMessages * (50 - FadingInStep1) / FadingInStep1;

    /// <summary>Where step 2 ends for "fading" (it starts at step 1's last message, counting it again).</summary>
    private const int Edge2 = Edge - Step2Messages + 1;

    private static readonly DateTimeOffset Start = new(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);
    private string connectionString = "";

    public async Task InitializeAsync()
    {
        connectionString = await postgres.CreateDatabaseAsync("search-steps", migrate: true);
        // Message i is i seconds after Start, but the eleven around each edge share one time (the step boundary falls
        // among them); even ones are in conversation c_a (queue q-a, open), odd ones in c_b (queue q-b, resolved).
        // "fading" is in 1 of 200 of the messages step 1 tests, in the eleven around Edge2 and in 40 old ones; "sparse"
        // in 1 of 100 everywhere.
        await ExecuteAsync($"""
            INSERT INTO engagement.conversation (conversation_id, contact_id, queue_id, channel, status, created_at, last_activity_at, awaiting_reply, last_seq, version)
            VALUES ('c_a', 'v_a', 'q-a', 'web', 0, @start, @start, false, 0, 1), ('c_b', 'v_b', 'q-b', 'web', 3, @start, @start, false, 0, 1);
            INSERT INTO engagement.conversation_thread (thread_id, conversation_id) VALUES ('c_a', 'c_a'), ('c_b', 'c_b');
            INSERT INTO engagement.session_message (session_id, seq, kind, sender_id, sender_role, sender_name, text, at)
            SELECT CASE WHEN i % 2 = 0 THEN 'c_a' ELSE 'c_b' END, i, 0, 'v', 0, 'V',
                   concat_ws(' ', 'filler', CASE WHEN i % 3 = 0 THEN 'common' END, CASE WHEN i <= 40 OR i = {Messages - 100} THEN 'ancient' END,
                             CASE i % 500 WHEN 7 THEN 'blue bird' WHEN 8 THEN 'bird blue' WHEN 9 THEN 'blue red bird' END,
                             CASE WHEN abs(i - {Edge}) <= 5 THEN 'tie' END, CASE WHEN i IN (100, {Messages - 1000}) THEN 'rare' END,
                             CASE WHEN (i >= {Edge} AND i % 200 = 0) OR abs(i - {Edge2}) <= 5 OR (i <= 1000 AND i % 25 = 0) THEN 'fading' END,
                             CASE WHEN i % 100 = 0 THEN 'sparse' END),
                   @start + make_interval(secs => CASE WHEN abs(i - {Edge}) <= 5 THEN {Edge} WHEN abs(i - {Edge2}) <= 5 THEN {Edge2} ELSE i END)
              FROM generate_series(1, {Messages}) i;
            INSERT INTO engagement.session_message (session_id, seq, kind, sender_id, sender_role, sender_name, text, at)
            VALUES ('c_a', {Messages + 2}, 1, 'system', 2, 'System', 'ancient event', @start + interval '50 seconds');
            ANALYZE engagement.session_message;
            """);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public static TheoryData<string, int> Searches => new()
    {
        { "common", 10 },                     // fills in step 1
        { "sparse", 50 },                     // fills in step 2
        { "fading", 50 },                     // all three steps, across both boundaries
        { "ancient", 50 },                    // one new, forty old: both steps, fewer than the page
        { "ancient", 5 },                     // one new, four old
        { "tie", 50 },                        // eleven at one time, across the step boundary: each once
        { "\"blue bird\"", 50 },              // the phrase only, not "bird blue" nor "blue red bird"
        { "bird -\"blue bird\"", 50 },
        { "rare or ancient", 50 },
        { "-filler", 50 },                    // nothing
        { "BLUE Bird", 20 },
    };

    [Theory]
    [MemberData(nameof(Searches))]
    public async Task Finds_what_testing_every_message_finds_newest_first(string text, int limit)
    {
        var query = new SearchQuery(text, new InboxFilter(), Limit: limit);
        await AssertSameAsync(query, await ExpectedAsync(query, ""));
    }

    [Fact]
    public async Task Applies_filters_and_the_time_window_in_both_steps()
    {
        var queue = new SearchQuery("ancient or tie", new InboxFilter(QueueId: "q-a"));
        await AssertSameAsync(queue, await ExpectedAsync(queue, " AND c.queue_id = 'q-a'"));

        var agent = new SearchQuery("blue", new InboxFilter(VisibleQueues: ["q-b"], Viewer: "nobody"), Limit: 7);
        await AssertSameAsync(agent, await ExpectedAsync(agent, " AND c.queue_id = 'q-b'"));

        // More text messages than step 1 tests in the window; it excludes the first 20 "ancient" and, at its end, the new one.
        var (from, to) = (Start.AddSeconds(20.5), Start.AddSeconds(Messages - 100));
        var window = new SearchQuery("ancient or tie", new InboxFilter(), From: from, To: to);
        var expected = await ExpectedAsync(window, $" AND m.at >= '{from:O}' AND m.at < '{to:O}'");
        Assert.Equal(20 + 11, expected.Count);
        await AssertSameAsync(window, expected);
    }

    private async Task AssertSameAsync(SearchQuery query, List<(string, long, DateTimeOffset)> expected)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var hits = await new ConversationSearch(dataSource).SearchAsync(query);
        var found = hits.Select(h => (h.Message.SessionId, h.Message.Seq, h.Message.At)).ToList();
        Assert.Equal(found.Select(h => h.At).OrderByDescending(a => a), found.Select(h => h.At)); // newest first
        // Messages of one time may come in any order.
        Assert.Equal(expected.OrderByDescending(h => h.Item3).ThenBy(h => h.Item1).ThenBy(h => h.Item2),
            found.OrderByDescending(h => h.At).ThenBy(h => h.SessionId).ThenBy(h => h.Seq));
        Assert.All(hits, h => Assert.Equal(h.Message.SessionId, h.Conversation.ConversationId));
    }

    /// <summary>Every text message tested (no index), joined and filtered, newest first.</summary>
    private async Task<List<(string, long, DateTimeOffset)>> ExpectedAsync(SearchQuery query, string filters)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"""
            SELECT m.session_id, m.seq, m.at FROM engagement.session_message m
              JOIN engagement.conversation_thread t ON t.thread_id = m.session_id
              JOIN engagement.conversation c ON c.conversation_id = t.conversation_id
             WHERE m.kind = 0 AND to_tsvector('simple', m.text) @@ websearch_to_tsquery('simple', $1){filters}
             ORDER BY m.at DESC LIMIT $2
            """, connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = query.Text });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = query.Limit });
        var rows = new List<(string, long, DateTimeOffset)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) rows.Add((reader.GetString(0), reader.GetInt64(1), reader.GetFieldValue<DateTimeOffset>(2)));
        return rows;
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("start", Start));
        await command.ExecuteNonQueryAsync();
    }
}
