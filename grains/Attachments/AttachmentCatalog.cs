using Npgsql;

namespace Engagement.Attachments;

/// <summary>
/// engagement.attachment (grains/Storage/Sql/012-attachments.sql): each uploaded file, the transcript it was uploaded
/// into, its uploader and its key in the store. The bytes are the store's; this only says what and whose they are.
/// </summary>
public sealed class AttachmentCatalog(NpgsqlDataSource dataSource)
{
    private const string Columns = "attachment_id, file_name, content_type, size, scope_id, uploader_id, storage_key, created_at";

    public async Task AddAsync(StoredAttachment file, byte[] sha256, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"INSERT INTO engagement.attachment ({Columns}, sha256) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)");
        var view = file.View;
        AddParameters(command, view.AttachmentId, view.FileName, view.ContentType, view.Size, file.ScopeId, file.UploaderId, file.StorageKey, file.CreatedAt.UtcDateTime, sha256);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<StoredAttachment>> FindAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM engagement.attachment WHERE attachment_id = ANY($1)");
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. ids] });
        return await ReadAsync(command, cancellationToken);
    }

    /// <summary>Removes a transcript's files (erasure, retention), catalog rows and bytes.</summary>
    /// <returns>How many files were removed.</returns>
    public Task<int> DeleteScopeAsync(string scopeId, IAttachmentStore store, CancellationToken cancellationToken = default) =>
        DeleteAsync("DELETE FROM engagement.attachment WHERE scope_id = $1 RETURNING storage_key", store, cancellationToken,
            new NpgsqlParameter<string> { TypedValue = scopeId });

    /// <summary>
    /// Removes up to <paramref name="limit"/> files uploaded before <paramref name="cutoff"/> that no message of their
    /// transcript names, catalog rows and bytes.
    /// </summary>
    /// <returns>How many files were removed.</returns>
    public Task<int> DeleteUnsentAsync(DateTimeOffset cutoff, int limit, IAttachmentStore store, CancellationToken cancellationToken = default) =>
        DeleteAsync("""
            DELETE FROM engagement.attachment a
             WHERE a.attachment_id IN (
                SELECT u.attachment_id FROM engagement.attachment u
                 WHERE u.created_at < $1
                   AND NOT EXISTS (SELECT 1 FROM engagement.session_message m
                                    WHERE m.session_id = u.scope_id AND m.attachments @> jsonb_build_array(jsonb_build_object('attachmentId', u.attachment_id)))
                 ORDER BY u.created_at LIMIT $2)
            RETURNING a.storage_key
            """, store, cancellationToken,
            new NpgsqlParameter<DateTime> { TypedValue = cutoff.UtcDateTime }, new NpgsqlParameter<int> { TypedValue = limit });

    /// <summary>
    /// Runs a DELETE … RETURNING storage_key and deletes those bytes from the store before the removal commits: a failure
    /// leaves the rows for the next attempt, never bytes without a row.
    /// </summary>
    private async Task<int> DeleteAsync(string sql, IAttachmentStore store, CancellationToken cancellationToken, params NpgsqlParameter[] parameters)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.AddRange(parameters);
        var keys = await ReadKeysAsync(command, cancellationToken);
        if (keys.Count == 0) return 0;
        foreach (var key in keys) await store.DeleteAsync(key, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return keys.Count;
    }

    private static void AddParameters(NpgsqlCommand command, params object[] values)
    {
        foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value });
    }

    private static async Task<IReadOnlyList<StoredAttachment>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var files = new List<StoredAttachment>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            files.Add(new StoredAttachment(
                new AttachmentView(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3)),
                reader.GetString(4), reader.GetString(5), reader.GetString(6), reader.GetFieldValue<DateTimeOffset>(7)));
        }
        return files;
    }

    private static async Task<IReadOnlyList<string>> ReadKeysAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var keys = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) keys.Add(reader.GetString(0));
        return keys;
    }
}
