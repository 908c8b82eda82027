using Npgsql;

namespace Engagement.Storage;

/// <summary>Reads of engagement.session_message, always in seq order.</summary>
internal static class TranscriptQueries
{
    private const string Columns = "session_id, seq, kind, sender_id, sender_role, sender_name, text, at, client_message_id, attachments::text";

    private const string AfterSql =
        $"SELECT {Columns} FROM engagement.session_message WHERE session_id = $1 AND seq > $2 ORDER BY seq LIMIT $3";

    private const string TailSql =
        $"SELECT {Columns} FROM (SELECT {Columns} FROM engagement.session_message WHERE session_id = $1 ORDER BY seq DESC LIMIT $2) tail ORDER BY seq";

    public static async Task<IReadOnlyList<ChatMessage>> ReadAfterAsync(
        NpgsqlDataSource dataSource, string sessionId, long afterSeq, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        if (limit <= 0) return [];
        await using var command = dataSource.CreateCommand(AfterSql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = sessionId });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = afterSeq });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        return await ReadAllAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public static async Task<IReadOnlyList<ChatMessage>> ReadTailAsync(
        NpgsqlDataSource dataSource, string sessionId, int count, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        if (count <= 0) return [];
        await using var command = dataSource.CreateCommand(TailSql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = sessionId });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = count });
        return await ReadAllAsync(command, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<IReadOnlyList<ChatMessage>> ReadAllAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var messages = new List<ChatMessage>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            messages.Add(new ChatMessage(
                SessionId: reader.GetString(0),
                Seq: reader.GetInt64(1),
                Kind: (MessageKind)reader.GetInt16(2),
                SenderId: reader.GetString(3),
                SenderRole: (ParticipantRole)reader.GetInt16(4),
                SenderName: reader.GetString(5),
                Text: reader.GetString(6),
                At: reader.GetFieldValue<DateTimeOffset>(7),
                ClientMessageId: reader.IsDBNull(8) ? null : reader.GetString(8),
                Attachments: AttachmentJson.Read(reader, 9)));
        }
        return messages;
    }
}
