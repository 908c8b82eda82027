using System.Data;
using Npgsql;

namespace Engagement.FunctionalTests.Storage;

/// <summary>
/// Runs the stream query texts stored in orleans.orleansquery the way Orleans' ADO.NET stream provider
/// (10.4.2-alpha.1) does: one command per call, parameters named without "@" and typed from their .NET type
/// (string → DbType.String, int → Int32, long → Int64, byte[] → Binary), results read by column name with the
/// provider's own casts (a cast that does not match the column's type throws here as it would there).
/// Each runner uses its own service id unless given a cluster's, so tests sharing a database do not see each
/// other's messages.
/// </summary>
public sealed class StreamQueryRunner(string connectionString, string provider = "context", string? serviceId = null)
{
    public string ServiceId { get; } = serviceId ?? $"svc-{Guid.NewGuid():N}";
    public string Provider { get; } = provider;

    /// <summary>A message as the provider's dequeue reads it.</summary>
    public sealed record Message(string ServiceId, string ProviderId, string QueueId, long MessageId, int Dequeued,
        DateTime VisibleOn, DateTime ExpiresOn, DateTime CreatedOn, DateTime ModifiedOn, byte[] Payload);

    /// <summary>An acknowledgement row (queue and confirm keys).</summary>
    public sealed record Ack(string ServiceId, string ProviderId, string QueueId, long MessageId);

    public async Task<Ack> Queue(string queue, byte[] payload, int expirySeconds = 600)
    {
        var rows = await Read("QueueStreamMessageKey", ReadAck, Keys(queue) + ("Payload", payload) + ("ExpiryTimeout", expirySeconds));
        return Assert.Single(rows); // the provider calls Single()
    }

    public Task<List<Message>> Get(string queue, int maxCount = 100, int maxAttempts = 5, int visibilitySeconds = 60,
        int removalSeconds = 3600, int evictionIntervalSeconds = 3600, int evictionBatchSize = 1000) =>
        Read("GetStreamMessagesKey", ReadMessage, Keys(queue) + ("MaxCount", maxCount) + ("MaxAttempts", maxAttempts)
            + ("VisibilityTimeout", visibilitySeconds) + ("RemovalTimeout", removalSeconds)
            + ("EvictionInterval", evictionIntervalSeconds) + ("EvictionBatchSize", evictionBatchSize));

    /// <summary>Confirms (positive receipts) or releases (<paramref name="release"/>: the provider negates them).</summary>
    public Task<List<Ack>> Confirm(string queue, IEnumerable<(long MessageId, int Dequeued)> items, bool release = false) =>
        Read("ConfirmStreamMessagesKey", ReadAck, Keys(queue)
            + ("Items", string.Join("|", items.Select(i => $"{i.MessageId}:{(release ? -i.Dequeued : i.Dequeued)}"))));

    public Task Fail(string queue, long messageId, int maxAttempts = 5, int removalSeconds = 3600) =>
        Execute("FailStreamMessageKey", Keys(queue) + ("MessageId", messageId) + ("MaxAttempts", maxAttempts) + ("RemovalTimeout", removalSeconds));

    public Task EvictMessages(string queue, int maxCount = 1000, int maxAttempts = 5, int removalSeconds = 3600) =>
        Execute("EvictStreamMessagesKey", Keys(queue) + ("MaxCount", maxCount) + ("MaxAttempts", maxAttempts) + ("RemovalTimeout", removalSeconds));

    public Task EvictDeadLetters(string queue, int maxCount = 1000) =>
        Execute("EvictStreamDeadLettersKey", Keys(queue) + ("MaxCount", maxCount));

    /// <summary>Message ids and dequeued counts of this service's live rows in <paramref name="queue"/>.</summary>
    public Task<List<(long Id, int Dequeued)>> LiveRows(string queue) => Select(
        "SELECT message_id, dequeued FROM orleans.stream_message WHERE service_id = $1 AND queue_id = $2 ORDER BY message_id",
        queue, r => (r.GetInt64(0), r.GetInt32(1)));

    /// <summary>This service's live rows in any queue: queue id, dequeued count and the stored payload.</summary>
    public async Task<List<(string Queue, int Dequeued, byte[] Payload)>> AllLiveRows()
    {
        await using var connection = await Open();
        await using var command = new NpgsqlCommand(
            "SELECT queue_id, dequeued, payload FROM orleans.stream_message WHERE service_id = $1 AND provider_id = $2 ORDER BY message_id", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = ServiceId });
        command.Parameters.Add(new NpgsqlParameter { Value = Provider });
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, int, byte[])>();
        while (await reader.ReadAsync()) rows.Add((reader.GetString(0), reader.GetInt32(1), (byte[])reader[2]));
        return rows;
    }

    /// <summary>Message ids and time to removal of this service's dead letters in <paramref name="queue"/>.</summary>
    public Task<List<(long Id, TimeSpan RemovedIn)>> DeadLetters(string queue) => Select(
        "SELECT message_id, remove_on - now() FROM orleans.stream_dead_letter WHERE service_id = $1 AND queue_id = $2 ORDER BY message_id",
        queue, r => (r.GetInt64(0), r.GetTimeSpan(1)));

    /// <summary>Moves every live row of <paramref name="queue"/> back in time (a message "created" long ago).</summary>
    public async Task Age(string queue, TimeSpan by)
    {
        await using var connection = await Open();
        await using var command = new NpgsqlCommand(
            "UPDATE orleans.stream_message SET visible_on = visible_on - $3, expires_on = expires_on - $3, created_on = created_on - $3 WHERE service_id = $1 AND queue_id = $2",
            connection);
        command.Parameters.Add(new NpgsqlParameter { Value = ServiceId });
        command.Parameters.Add(new NpgsqlParameter { Value = queue });
        command.Parameters.Add(new NpgsqlParameter { Value = by });
        await command.ExecuteNonQueryAsync();
    }

    private Parameters Keys(string queue) => new Parameters() + ("ServiceId", ServiceId) + ("ProviderId", Provider) + ("QueueId", queue);

    private static Message ReadMessage(IDataRecord r) => new(
        (string)r["ServiceId"], (string)r["ProviderId"], (string)r["QueueId"], (long)r["MessageId"], (int)r["Dequeued"],
        (DateTime)r["VisibleOn"], (DateTime)r["ExpiresOn"], (DateTime)r["CreatedOn"], (DateTime)r["ModifiedOn"], (byte[])r["Payload"]);

    private static Ack ReadAck(IDataRecord r) => new((string)r["ServiceId"], (string)r["ProviderId"], (string)r["QueueId"], (long)r["MessageId"]);

    private async Task<List<T>> Read<T>(string key, Func<IDataRecord, T> selector, Parameters parameters)
    {
        await using var connection = await Open();
        await using var command = await Command(connection, key, parameters);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        do
        {
            while (await reader.ReadAsync()) rows.Add(selector(reader));
        } while (await reader.NextResultAsync()); // the provider reads every result set into one list
        return rows;
    }

    private async Task Execute(string key, Parameters parameters)
    {
        await using var connection = await Open();
        await using var command = await Command(connection, key, parameters);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<List<T>> Select<T>(string sql, string queue, Func<NpgsqlDataReader, T> selector)
    {
        await using var connection = await Open();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = ServiceId });
        command.Parameters.Add(new NpgsqlParameter { Value = queue });
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync()) rows.Add(selector(reader));
        return rows;
    }

    private async Task<NpgsqlConnection> Open()
    {
        // As the silo connects: the orleans schema on the search path (the provider reads "OrleansQuery" unqualified).
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { SearchPath = "orleans" }.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static async Task<NpgsqlCommand> Command(NpgsqlConnection connection, string key, Parameters parameters)
    {
        string text;
        await using (var lookup = new NpgsqlCommand("SELECT QueryKey, QueryText FROM OrleansQuery WHERE QueryKey = $1", connection))
        {
            lookup.Parameters.Add(new NpgsqlParameter { Value = key });
            await using var reader = await lookup.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync(), $"query key {key} is missing");
            text = reader.GetString(1);
        }
        var command = new NpgsqlCommand(text, connection) { CommandType = CommandType.Text };
        foreach (var (name, value) in parameters.Items)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            parameter.DbType = value switch
            {
                string => DbType.String,
                int => DbType.Int32,
                long => DbType.Int64,
                byte[] => DbType.Binary,
                _ => throw new ArgumentException($"The provider binds no {value.GetType()}"),
            };
            command.Parameters.Add(parameter);
        }
        return command;
    }

    /// <summary>Named parameter values, built with +.</summary>
    private sealed class Parameters
    {
        public List<(string Name, object Value)> Items { get; } = [];

        public static Parameters operator +(Parameters parameters, (string Name, object Value) item)
        {
            parameters.Items.Add(item);
            return parameters;
        }
    }
}
